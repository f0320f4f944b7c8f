import { GeoReportFailure, oneRequest } from "../domain/open311/requests.server";
import { Open311JurisdictionQuery, Open311RequestFile } from "../schemas/open311";
import { defineGeoReportLoader, georeportQuery } from "../web/open311.server";

/** GeoReport v2 GET one service request (/open311/v2/requests/<service_request_id>.json). */
export const loader = defineGeoReportLoader(async ({ request, params, context }) => {
  const file = Open311RequestFile.safeParse(params.file);
  if (!file.success) throw new GeoReportFailure(404, "not found: use /open311/v2/requests/<service_request_id>.json");
  return oneRequest(
    context.db,
    georeportQuery(request, Open311JurisdictionQuery).jurisdiction_id,
    Number(file.data.slice(0, -".json".length)),
  );
});
