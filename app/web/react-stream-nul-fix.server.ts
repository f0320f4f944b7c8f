import { Transform } from "node:stream";

/**
 * React 18.3's streaming renderer encodes HTML into 2,048-byte views; when a multi-byte character (any
 * Chinese one) would straddle the end of a view, it flushes the whole view anyway, so up to three unwritten
 * zero bytes land in the page (facebook/react#26228, fixed only in React 19). Browsers show them as stray
 * characters inside Chinese text. Those chunks are exactly one view long and end in zeros: trim them. React
 * escapes nothing to NUL and text fields are stripped of control characters, so no real content is lost.
 */
const REACT_VIEW_SIZE = 2048;

export function trimReactViewPadding(chunk: Buffer): Buffer {
  if (chunk.length !== REACT_VIEW_SIZE || chunk[chunk.length - 1] !== 0) return chunk;
  let end = chunk.length;
  while (end > chunk.length - 3 && chunk[end - 1] === 0) end--;
  return chunk.subarray(0, end);
}

export function reactHtmlBody(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, trimReactViewPadding(chunk));
    },
  });
}
