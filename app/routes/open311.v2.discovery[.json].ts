import { SPEC_URL } from "../domain/open311/georeport";
import { defineGeoReportLoader } from "../web/open311.server";

/** GeoReport v2 service discovery: where the endpoint is and what it speaks. */
export const loader = defineGeoReportLoader(async ({ request }) => {
  const origin = new URL(request.url).origin;
  return {
    changeset: "2026-12-07T00:00:00Z",
    contact: `${origin}/open-data`,
    key_service: "API keys for filing requests are issued by each community office.",
    endpoints: [
      {
        specification: SPEC_URL,
        url: `${origin}/open311/v2`,
        changeset: "2026-12-07T00:00:00Z",
        type: "production",
        formats: ["application/json"],
      },
    ],
  };
});
