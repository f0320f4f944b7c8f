/**
 * Where to send someone after signing in or changing a preference: only a path on this site. Browsers
 * read a `Location` value with the WHATWG URL parser, which drops tabs and newlines and treats `\` as `/`,
 * so `/\t/evil.example` would leave the site. We parse the value the same way against a placeholder origin
 * and keep it only if it stays on that origin; the re-serialised path is ASCII (Chinese percent-encoded),
 * so it is always a valid header value. Anything else goes to the fallback.
 */
const PLACEHOLDER_ORIGIN = "http://yishi.invalid";
const MAX_LENGTH = 2_048;

export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to.length > MAX_LENGTH) return fallback;
  // Only a path: no scheme, no host, nothing before the first slash (the parser would strip leading spaces).
  if (!to.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(to, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // `/.//evil.example` parses on our origin but serialises to a protocol-relative `//evil.example`.
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  return path;
}
