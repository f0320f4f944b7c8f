/** RFC 6266 / 5987: a download's Content-Disposition, an ASCII fallback name plus the UTF-8 name for browsers that read filename*. */
export function attachmentDisposition(filename: string, asciiFallback: string): string {
  const ascii = asciiFallback.replace(/[^A-Za-z0-9._-]/g, "_");
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
