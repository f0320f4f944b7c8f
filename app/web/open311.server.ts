import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { z } from "zod";
import { georeportError } from "../domain/open311/georeport";
import { GeoReportFailure } from "../domain/open311/requests.server";
import { clientOfKey, fileOpen311Request } from "../domain/open311/file-request.server";
import { POSTS_PER_MINUTE_PER_ADDRESS, POSTS_PER_MINUTE_PER_KEY } from "../domain/open311/keys";
import { Open311PostBody } from "../schemas/open311";
import { BODY_LIMITS, declaredLengthExceeds, formatLimit } from "./edge/body-limits.server";
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

const MAX_POST_BYTES = BODY_LIMITS.form;
const perKey = new RateLimiterMemory({ points: POSTS_PER_MINUTE_PER_KEY, duration: 60 });
const perAddress = new RateLimiterMemory({ points: POSTS_PER_MINUTE_PER_ADDRESS, duration: 60 });

async function withinBudget(limiter: RateLimiterMemory, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw new GeoReportFailure(429, "too many requests: try again in a minute");
    throw error;
  }
}

/** The body, counted as it is read: the edge refuses bigger bodies too, this keeps the answer in the spec's form. */
async function readBody(request: Request): Promise<string> {
  if (declaredLengthExceeds(request.headers.get("Content-Length") ?? undefined, MAX_POST_BYTES))
    throw new GeoReportFailure(413, `request body larger than ${formatLimit(MAX_POST_BYTES)}`);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_POST_BYTES) {
      await reader.cancel();
      throw new GeoReportFailure(413, `request body larger than ${formatLimit(MAX_POST_BYTES)}`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** A form-encoded or JSON body as plain fields; anything else is the spec's 400. */
export async function georeportBody(request: Request): Promise<Record<string, unknown>> {
  const text = await readBody(request);
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
  if (type === "application/json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new GeoReportFailure(400, "malformed JSON body");
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new GeoReportFailure(400, "the JSON body must be an object");
    return parsed as Record<string, unknown>;
  }
  if (type === "application/x-www-form-urlencoded" || type === "") return Object.fromEntries(new URLSearchParams(text));
  throw new GeoReportFailure(400, "send application/x-www-form-urlencoded or application/json");
}

/** POST requests.json: address budget, body, key, key budget, fields, then filing. */
export async function postGeoReportRequest({ request, context }: ActionFunctionArgs): Promise<Response> {
  try {
    await withinBudget(perAddress, context.clientIp || "unknown");
    const raw = await georeportBody(request);
    if (typeof raw.api_key !== "string" || raw.api_key === "") throw new GeoReportFailure(400, "api_key is required");
    const client = await clientOfKey(context.db, raw.api_key);
    await withinBudget(perKey, client.keyHash);
    const parsed = Open311PostBody.safeParse(raw);
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path[0];
      throw new GeoReportFailure(400, `invalid or missing parameter: ${typeof field === "string" ? field : "body"}`);
    }
    return georeportJson(await fileOpen311Request(context.db, context.clock, client, parsed.data), 201);
  } catch (error) {
    if (error instanceof GeoReportFailure) return georeportJson(error.body, error.status);
    console.error("[open311]", error);
    return georeportJson(georeportError(500, "internal error"), 500);
  }
}
