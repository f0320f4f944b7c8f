import { GeoReportFailure, serviceDefinition } from "../domain/open311/requests.server";
import { Open311JurisdictionQuery, Open311ServiceFile } from "../schemas/open311";
import { defineGeoReportLoader, georeportQuery } from "../web/open311.server";

/** GeoReport v2 service definition (/open311/v2/services/<service_code>.json). */
export const loader = defineGeoReportLoader(async ({ request, params, context }) => {
  const file = Open311ServiceFile.safeParse(params.file);
  if (!file.success) throw new GeoReportFailure(404, "not found: use /open311/v2/services/<service_code>.json");
  return serviceDefinition(
    context.db,
    georeportQuery(request, Open311JurisdictionQuery).jurisdiction_id,
    file.data.slice(0, -".json".length),
  );
});
