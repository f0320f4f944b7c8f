import { parseFileName, serializer } from "../domain/open-data/datasets";
import { datasetRecords, datasetVersion, openDataScope } from "../domain/open-data/export.server";
import { notFound } from "../domain/errors";
import { OpenDataFileParams } from "../schemas/open-data";
import { parseParams } from "../web/params.server";
import { defineLoader } from "../web/route.server";

/**
 * An open dataset (docs/open-data.md): public, anonymised, streamed a page of rows at a time. The ETag is a
 * fingerprint of the data (counts and latest changes), so an unchanged file is answered 304 from indexes.
 */
const OPEN_DATA_CACHE_CONTROL = "public, max-age=0, must-revalidate";

export const loader = defineLoader(async ({ request, params, context }) => {
  const { kind, slug, file } = parseParams(params, OpenDataFileParams);
  const parsed = parseFileName(file);
  if (!parsed) throw notFound("opendata:errors.not_found");
  const { dataset, format } = parsed;
  const scope = await openDataScope(context.db, kind, slug);
  const etag = `"${await datasetVersion(context.db, scope, dataset)}-${format}"`;
  const headers = {
    // Not `s-maxage` like the pages (web/public-page.ts): the process's page cache would buffer the whole file
    // to keep a copy, which is what streaming avoids. Readers and proxies revalidate with the ETag instead.
    "Cache-Control": OPEN_DATA_CACHE_CONTROL,
    ETag: etag,
    Vary: "Accept-Encoding",
    "X-Content-Type-Options": "nosniff",
  };
  if (
    request.headers
      .get("If-None-Match")
      ?.split(/\s*,\s*/)
      .includes(etag)
  )
    return new Response(null, { status: 304, headers });

  const out = serializer(dataset, format);
  const records = datasetRecords(context.db, scope, dataset);
  const encoder = new TextEncoder();
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    // Pulled as the client reads: a slow reader slows the query pages down instead of filling memory.
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(out.start()));
          return;
        }
        let chunk = "";
        for (let i = 0; i < 200; i++) {
          const next = await records.next();
          if (next.done) {
            controller.enqueue(encoder.encode(chunk + out.end()));
            controller.close();
            return;
          }
          chunk += out.record(next.value);
        }
        controller.enqueue(encoder.encode(chunk));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await records.return(undefined);
    },
  });
  const name = `${scope.slug}-${dataset}.${format}`;
  return new Response(body, {
    headers: {
      ...headers,
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
    },
  });
});
