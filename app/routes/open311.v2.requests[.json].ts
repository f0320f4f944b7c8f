import { listRequests } from "../domain/open311/requests.server";
import { Open311RequestsQuery } from "../schemas/open311";
import { defineGeoReportLoader, georeportQuery, postGeoReportRequest } from "../web/open311.server";

/** GeoReport v2 GET service requests: a community's issues, filtered as the spec defines. */
export const loader = defineGeoReportLoader(async ({ request, context }) =>
  listRequests(context.db, context.clock.now(), georeportQuery(request, Open311RequestsQuery)),
);

/** GeoReport v2 POST service request: files an issue with an API key (form-encoded or JSON). */
export const action = postGeoReportRequest;
