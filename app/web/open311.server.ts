import type { LoaderFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import { georeportError } from "../domain/open311/georeport";
import { GeoReportFailure } from "../domain/open311/requests.server";
import { PUBLIC_CACHE_CONTROL } from "./public-page";

/** A GeoReport v2 JSON answer. Public reads are cacheable like public pages; errors never are. */
export function georeportJson(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": status === 200 ? PUBLIC_CACHE_CONTROL : "no-store",
      "Access-Control-Allow-Origin": "*",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** Query parameters by a zod schema; a bad one is the spec's 400 naming the parameter. */
export function georeportQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = new URL(request.url).searchParams;
  const raw: Record<string, string> = {};
  for (const key of params.keys()) raw[key] = params.get(key) ?? "";
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0];
    throw new GeoReportFailure(400, `invalid parameter: ${typeof field === "string" ? field : "query"}`);
  }
  return parsed.data;
}

/**
 * Wraps an Open311 loader: refusals become the spec's `[{ code, description }]` with the same HTTP status,
 * and anything unexpected a 500 in that form (logged), never the HTML error page a client cannot read.
 */
export function defineGeoReportLoader(load: (args: LoaderFunctionArgs) => Promise<unknown>) {
  return async (args: LoaderFunctionArgs): Promise<Response> => {
    try {
      return georeportJson(await load(args));
    } catch (error) {
      if (error instanceof GeoReportFailure) return georeportJson(error.body, error.status);
      console.error("[open311]", error);
      return georeportJson(georeportError(500, "internal error"), 500);
    }
  };
}
