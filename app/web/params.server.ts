import type { LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import type { z } from "zod";

/**
 * Route parameters and query strings, parsed with zod before a loader or action uses them. A path that
 * does not fit (an id with a NUL, an issue number of 20 digits) names nothing: 404. A query string that does
 * not fit is the visitor's mistake: 400. The root error boundary shows either in the visitor's language.
 */
export function parseParams<S extends z.ZodType>(params: LoaderFunctionArgs["params"], schema: S): z.infer<S> {
  const result = schema.safeParse(params);
  if (!result.success) throw data(null, { status: 404 });
  return result.data;
}

export function parseSearchParams<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const raw: Record<string, string> = {};
  for (const [key, value] of new URL(request.url).searchParams) if (value !== "") raw[key] ??= value;
  const result = schema.safeParse(raw);
  if (!result.success) throw data(null, { status: 400 });
  return result.data;
}

/** One path parameter, for the many routes that read a single id or slug. */
export function param<S extends z.ZodType>(params: LoaderFunctionArgs["params"], name: string, schema: S): z.infer<S> {
  const result = schema.safeParse(params[name]);
  if (!result.success) throw data(null, { status: 404 });
  return result.data;
}

/** The submitted form, or 400 when the body is not a readable form (a broken multipart boundary, bad encoding). */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw data(null, { status: 400 });
  }
}
