import { Transform } from "node:stream";
import type { TransformCallback } from "node:stream";
import { MAX_IMAGE_BYTES, MAX_PHOTOS_PER_ISSUE, MAX_PHOTOS_PER_UPDATE } from "../../domain/uploads/images";

const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * How many bytes a request body may have, by what the route accepts. Text forms are small; the minutes
 * editor sends a Lexical document of up to 512 KB, which percent-encoding of Chinese can triple; the photo
 * forms carry up to six 8 MB pictures (the upload parser then checks each file) plus their text fields.
 */
export const BODY_LIMITS = {
  form: 256 * KiB,
  minutes: 2 * MiB,
  photos: Math.max(MAX_PHOTOS_PER_ISSUE, MAX_PHOTOS_PER_UPDATE) * MAX_IMAGE_BYTES + MiB,
  cspReport: 16 * KiB,
} as const;

export type BodyKind = keyof typeof BODY_LIMITS;

const PHOTO_ROUTES = [/^\/issues\/new$/, /^\/c\/[^/]+\/issues\/[^/]+$/];
const MINUTES_ROUTES = [/^\/meetings\/[^/]+\/minutes(\/autosave)?$/];

/** The kind of body a path takes. Remix's single-fetch form posts go to `<path>.data`, which counts as `<path>`. */
export function bodyKindFor(pathname: string): BodyKind {
  const path = pathname.replace(/\.data$/, "").replace(/\/+$/, "") || "/";
  if (path === "/csp-report") return "cspReport";
  if (PHOTO_ROUTES.some((route) => route.test(path))) return "photos";
  if (MINUTES_ROUTES.some((route) => route.test(path))) return "minutes";
  return "form";
}

/** Readable size for the 413 message: "256 KB", "49 MB". */
export function formatLimit(bytes: number): string {
  return bytes >= MiB ? `${Math.round(bytes / MiB)} MB` : `${Math.round(bytes / KiB)} KB`;
}

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body larger than ${limit} bytes`);
    this.name = "BodyTooLargeError";
  }
}

/**
 * Passes a body through while counting, and fails the moment it exceeds `limit`: chunked bodies have no
 * Content-Length to check up front, so the count is the only bound on what reaches the parsers.
 */
export class BodyLimit extends Transform {
  private received = 0;
  exceeded = false;

  constructor(readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.received += chunk.length;
    if (this.received > this.limit) {
      this.exceeded = true;
      callback(new BodyTooLargeError(this.limit));
      return;
    }
    callback(null, chunk);
  }
}

/** A declared length over the limit is refused before a byte is read. */
export function declaredLengthExceeds(contentLength: string | undefined, limit: number): boolean {
  if (!contentLength) return false;
  const length = Number(contentLength);
  return Number.isFinite(length) && length > limit;
}
