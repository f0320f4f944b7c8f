import { PassThrough } from "node:stream";
import { text } from "node:stream/consumers";
import { createElement } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { reactHtmlBody, trimReactViewPadding } from "../../app/web/react-stream-nul-fix.server";

async function render(html: string, body: NodeJS.ReadWriteStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const { pipe } = renderToPipeableStream(
      createElement("main", null, ...html.split("|").map((part, i) => createElement("p", { key: i }, part))),
      {
        onAllReady() {
          pipe(body);
          text(body).then(resolve, reject);
        },
        onError: reject,
      },
    );
  });
}

describe("streamed pages with Chinese text", () => {
  // Paragraphs of Chinese that push characters across React's 2,048-byte boundaries at every offset.
  const paragraphs = Array.from({ length: 40 }, (_, i) => "社区议事".repeat(20 + i) + "a".repeat(i % 3)).join("|");

  it("carry no NUL bytes in the page", async () => {
    const html = await render(paragraphs, reactHtmlBody());
    expect(html).not.toContain("\u0000");
    expect(html).toContain("社区议事");
  });

  it("would carry NUL bytes without the fix (React 18's padding is what is trimmed)", async () => {
    const html = await render(paragraphs, new PassThrough());
    expect(html.includes("\u0000")).toBe(true);
  });

  it("leaves every other chunk untouched", () => {
    const short = Buffer.from([0x61, 0, 0]);
    expect(trimReactViewPadding(short)).toBe(short);
    const full = Buffer.alloc(2048, 0x61);
    expect(trimReactViewPadding(full)).toBe(full);
    const padded = Buffer.alloc(2048, 0x61);
    padded.fill(0, 2046);
    expect(trimReactViewPadding(padded).length).toBe(2046);
  });
});
