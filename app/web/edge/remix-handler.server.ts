import type { IncomingMessage } from "node:http";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import { createReadableStreamFromReadable, createRequestHandler } from "@remix-run/node";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { noteLocalWrite } from "../../infra/local-writes";
import { BODY_LIMITS, BodyLimit, bodyKindFor, declaredLengthExceeds, formatLimit } from "./body-limits.server";
import type { CachedPage, PageCache } from "./page-cache.server";
import {
  CACHE_VARY,
  bodyIn,
  hasCookie,
  isNotModified,
  isSharedRead,
  preferredEncoding,
  SESSION_COOKIE,
  variantKey,
} from "./page-cache.server";
import { sendRefusal } from "./refusal.server";

interface Options {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: string;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
  /** Public pages for anonymous readers (ADR 0018); none in development. */
  pageCache?: PageCache;
}

/**
 * After a 413 some of the rest of an oversized body is read and thrown away, so a client still sending sees
 * the answer instead of a reset connection; then the connection is closed. Bounded in time and bytes: a
 * flood of huge bodies must not keep the process busy reading them.
 */
const DRAIN_MS = 2_000;
const DRAIN_BYTES = 1024 * 1024;

/**
 * The Remix request handler for Express, with every request body passed through a byte counter sized for
 * its route. A body over the limit, declared or streamed (chunked), never reaches Remix's parsers: the
 * request is aborted and answered 413 with a translated page or JSON. Otherwise it does what
 * @remix-run/express's handler does (whose request builder reads the raw, unbounded stream).
 */
export function createRemixHandler({ build, mode, getLoadContext, pageCache }: Options) {
  const handle = createRequestHandler(build, mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const controller = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) controller.abort();
    });
    const init: RequestInit & { duplex?: "half" } = { method: req.method, headers: headersOf(req), signal: controller.signal };
    let limiter: BodyLimit | undefined;
    if (req.method !== "GET" && req.method !== "HEAD") {
      const limit = BODY_LIMITS[bodyKindFor(req.path)];
      if (declaredLengthExceeds(req.headers["content-length"], limit)) {
        refuseTooLarge(req, res, limit).catch(next);
        return;
      }
      limiter = new BodyLimit(limit);
      limiter.on("error", () => {
        req.unpipe(limiter);
        controller.abort();
        refuseTooLarge(req, res, limit).catch(next);
      });
      req.pipe(limiter);
      init.body = createReadableStreamFromReadable(limiter);
      init.duplex = "half";
    }
    try {
      const context = getLoadContext(req, res);
      const render = () => handle(new Request(urlOf(req), init), context);
      if (pageCache && isSharedRead(req.method, req.headers)) {
        const result = await pageCache.fetch(variantKey(urlOf(req), req.headers), context.cspNonce ?? "", render);
        if ("page" in result) return sendCopy(req, res, result.page, result.state);
        res.setHeader("X-Yishi-Cache", "bypass");
        return await sendResponse(res, result.response);
      }
      const response = await render();
      if (req.method !== "GET" && req.method !== "HEAD") noteLocalWrite();
      if (limiter?.exceeded || res.headersSent) {
        await response.body?.cancel();
        return;
      }
      // A public page read with a session shows that person's name and rights: only their browser may keep it.
      if (hasCookie(req.headers.cookie, SESSION_COOKIE) && /\bpublic\b/.test(response.headers.get("Cache-Control") ?? ""))
        response.headers.set("Cache-Control", "private, no-cache");
      await sendResponse(res, response);
    } catch (error) {
      if (limiter?.exceeded) return;
      next(error);
    }
  };
}

/** The address Remix sees: Express's protocol and host (which honour `trust proxy`) and the original path. */
function urlOf(req: ExpressRequest): string {
  const host = req.get("X-Forwarded-Host") && req.app.get("trust proxy") ? req.get("X-Forwarded-Host") : req.get("host");
  return `${req.protocol}://${host ?? "localhost"}${req.originalUrl}`;
}

async function refuseTooLarge(req: ExpressRequest, res: ExpressResponse, limit: number) {
  drainThenClose(req);
  res.setHeader("Connection", "close");
  await sendRefusal(req, res, "too_large", { limit: formatLimit(limit) });
}

function drainThenClose(req: IncomingMessage) {
  let drained = 0;
  const hangUp = () => {
    clearTimeout(timer);
    req.off("data", discard);
    req.socket.destroy();
  };
  const discard = (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_BYTES) hangUp();
  };
  const timer = setTimeout(hangUp, DRAIN_MS);
  timer.unref();
  req.on("data", discard);
  req.once("end", () => clearTimeout(timer));
}

/** A cached copy: 304 to a reader who holds it, else the body in the reader's encoding, compressed once. */
function sendCopy(req: ExpressRequest, res: ExpressResponse, page: CachedPage, state: string) {
  res.setHeader("ETag", page.etag);
  res.setHeader("Last-Modified", page.lastModified);
  res.setHeader("Vary", CACHE_VARY);
  res.setHeader("X-Yishi-Cache", state);
  const cacheControl = page.headers.find(([name]) => name.toLowerCase() === "cache-control");
  if (cacheControl) res.setHeader("Cache-Control", cacheControl[1]);
  // No CSP on a 304: the browser keeps the stored page's headers, whose nonce matches the stored page.
  if (isNotModified(page, req.headers)) return void res.status(304).end();
  res.status(page.status);
  for (const [name, value] of page.headers) if (name.toLowerCase() !== "cache-control") res.append(name, value);
  const encoding = preferredEncoding(req.headers["accept-encoding"]);
  const body = bodyIn(page, encoding);
  if (encoding !== "identity") res.setHeader("Content-Encoding", encoding);
  res.setHeader("Content-Length", body.length);
  res.end(body);
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

async function sendResponse(res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  // Several Set-Cookie headers stay several: Headers#entries() yields each one separately.
  for (const [name, value] of response.headers.entries()) res.append(name, value);
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (response.body) await writeWithBackpressure(response.body, res);
  else res.end();
}

/**
 * Like @remix-run/node's writeReadableStreamToWritable, but waits for the socket to drain: a streamed
 * download (open data, 100,000 rows) is then produced as fast as the reader takes it, instead of being
 * queued whole in memory for a slow reader.
 */
async function writeWithBackpressure(body: ReadableStream<Uint8Array>, res: ExpressResponse) {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) {
        await new Promise<void>((resolve) => {
          const settle = () => {
            res.off("drain", settle);
            res.off("close", settle);
            resolve();
          };
          res.once("drain", settle);
          res.once("close", settle);
        });
        if (res.destroyed) {
          await reader.cancel();
          return;
        }
      }
      const flushable = res as unknown as { flush?: () => void };
      if (typeof flushable.flush === "function") flushable.flush();
    }
    res.end();
  } catch (error) {
    res.destroy(error as Error);
    throw error;
  }
}
