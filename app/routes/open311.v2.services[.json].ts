import { listServices } from "../domain/open311/requests.server";
import { Open311JurisdictionQuery } from "../schemas/open311";
import { defineGeoReportLoader, georeportQuery } from "../web/open311.server";

/** GeoReport v2 service list: the community's issue categories. */
export const loader = defineGeoReportLoader(async ({ request, context }) =>
  listServices(context.db, georeportQuery(request, Open311JurisdictionQuery).jurisdiction_id),
);
