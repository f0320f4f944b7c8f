import { describe, expect, it } from "vitest";
import {
  attendanceBlock,
  decisionBlock,
  documentOf,
  heading,
  link,
  list,
  paragraph,
  quote,
  text,
  voteResultBlock,
} from "../../app/domain/minutes/build-document";
import { canonicalJson, contentHash } from "../../app/domain/minutes/content-hash";
import { normalizeMinutesJson, renderMinutesHtml } from "../../app/editor/render.server";
import { MAX_DEPTH, validateMinutesJson } from "../../app/editor/validate";
import { countWords } from "../../app/editor/plugins/WordCountPlugin/count-words";
import type { PollResult } from "../../app/domain/voting/result";

const t = (key: string, values?: Record<string, string | number>) => (values ? `${key}(${Object.values(values).join("|")})` : key);

const result: PollResult = {
  version: 1,
  pollId: "poll-1",
  question: "是否同意增设充电桩？",
  kind: "yes_no_abstain",
  ballotMode: "secret",
  passRule: "majority_cast",
  abstentionsCount: false,
  options: [
    { key: "yes", label: "赞成", electronic: 12, manual: 3, total: 15 },
    { key: "no", label: "反对", electronic: 4, manual: 0, total: 4 },
    { key: "abstain", label: "弃权", electronic: 1, manual: 0, total: 1 },
  ],
  ballotsElectronic: 17,
  ballotsManual: 3,
  proxyBallots: 2,
  eligible: 25,
  present: 21,
  quorumRequired: 13,
  quorumMet: true,
  threshold: 10,
  thresholdBase: 19,
  passed: true,
  leaders: ["yes"],
  closedAt: "2026-11-20T12:10:00.000Z",
};

const render = (doc: unknown) => renderMinutesHtml(JSON.stringify(doc), t);

describe("minutes renderer: one output per node type", () => {
  it("renders headings, paragraphs, text formats, line breaks and tabs", () => {
    const html = render(
      documentOf(
        heading("h1", "会议纪要"),
        heading("h2", "议题"),
        heading("h3", "讨论"),
        paragraph(text("粗", 1), text("斜", 2), text("删", 4), text("下", 8), text("码", 16), text("全", 1 | 2 | 8)),
        {
          type: "paragraph",
          version: 1,
          children: [text("一"), { type: "linebreak", version: 1 }, text("二"), { type: "tab", version: 1 }],
        },
        paragraph(),
      ),
    );
    expect(html).toBe(
      "<h1>会议纪要</h1><h2>议题</h2><h3>讨论</h3>" +
        "<p><strong>粗</strong><em>斜</em><s>删</s><u>下</u><code>码</code><u><em><strong>全</strong></em></u></p>" +
        "<p>一<br>二\t</p><p><br></p>",
    );
  });

  it("renders bulleted, numbered and nested lists and quotes", () => {
    const nested = list("bullet", [["甲"], ["乙"]]);
    const outer = list("number", [["第一"], [nested]]);
    expect(render(documentOf(outer, quote("引用的话")))).toBe(
      '<ol><li>第一</li><li class="nested-list-item"><ul><li>甲</li><li>乙</li></ul></li></ol><blockquote>引用的话</blockquote>',
    );
  });

  it("renders http, https and mailto links with rel, and nothing else as a link", () => {
    const html = render(
      documentOf(
        paragraph(
          link("https://example.org/a?b=1&c=2", "网站"),
          link("mailto:office@example.org", "邮件"),
          link("http://example.org", "旧站"),
        ),
      ),
    );
    expect(html).toBe(
      '<p><a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer nofollow">网站</a>' +
        '<a href="mailto:office@example.org" rel="noopener noreferrer nofollow">邮件</a>' +
        '<a href="http://example.org/" rel="noopener noreferrer nofollow">旧站</a></p>',
    );
  });

  it("renders the locked vote result with every stored figure", () => {
    const html = render(documentOf(voteResultBlock(result)));
    expect(html).toContain('<section class="locked-block" data-kind="vote-result">');
    expect(html).toContain("minutes:blocks.vote.title(是否同意增设充电桩？)");
    expect(html).toContain("<tr><td>minutes:blocks.vote.choice.yes</td><td>12</td><td>3</td><td>15</td></tr>");
    expect(html).toContain("<tr><td>minutes:blocks.vote.choice.no</td><td>4</td><td>0</td><td>4</td></tr>");
    expect(html).toContain("minutes:blocks.vote.ballots_value(20|17|3|2)");
    expect(html).toContain("minutes:blocks.vote.quorum_met(13)");
    expect(html).toContain("minutes:blocks.vote.threshold_value(10|19)");
    expect(html).toContain('<p class="locked-block-outcome">minutes:blocks.vote.outcome_passed</p>');
  });

  it("renders the locked attendance and decision blocks", () => {
    const html = render(
      documentOf(
        attendanceBlock({
          meetingId: "m1",
          eligible: 3,
          present: 3,
          proxies: 1,
          quorumRule: "more_than_half",
          quorumRequired: 2,
          quorumMet: true,
          attendees: [{ name: "王阿姨", role: "resident_rep" }],
        }),
        decisionBlock({ decisionId: "d1", text: "同意增设 10 个充电桩。", pollId: "poll-1" }),
      ),
    );
    expect(html).toContain('<section class="locked-block" data-kind="attendance">');
    expect(html).toContain("<tr><td>王阿姨</td><td>minutes:participant_roles.resident_rep");
    expect(html).toContain("<dt>minutes:blocks.attendance.present</dt><dd>3</dd>");
    expect(html).toContain('<section class="locked-block" data-kind="decision">');
    expect(html).toContain('<p class="locked-block-outcome">同意增设 10 个充电桩。</p>');
  });
});

describe("minutes renderer: the XSS corpus produces no executable HTML", () => {
  const EXECUTABLE =
    /<script|<iframe|<object|<embed|<svg|<img|<style|<form|<input|\son\w+\s*=|javascript:|vbscript:|data:|style\s*=|srcdoc/i;

  const hostileText = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "<iframe srcdoc='<script>alert(1)</script>'>",
    '</p><a href="javascript:alert(1)">x</a>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<style>body{background:url(javascript:alert(1))}</style>",
  ];
  for (const payload of hostileText) {
    it(`escapes text: ${payload.slice(0, 40)}`, () => {
      const html = render(documentOf(paragraph(payload), heading("h2", payload), quote(payload), list("bullet", [[payload]])));
      expect(html).not.toMatch(/<script|<img|<svg|<iframe|<style|<a /i);
      expect(html).toMatch(/&lt;|&amp;/);
    });
  }

  const hostileUrls = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\u0000javascript:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "%6A%61%76%61%73%63%72%69%70%74:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/x",
    "/relative/path",
    'https://example.org/" onmouseover="alert(1)',
    "https://example.org/<script>",
  ];
  for (const url of hostileUrls) {
    it(`refuses or neutralises the link ${JSON.stringify(url).slice(0, 40)}`, () => {
      const html = render(documentOf(paragraph(link(url, "点我"))));
      expect(html).not.toMatch(EXECUTABLE);
      const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
      for (const href of hrefs) expect(href).toMatch(/^(https?:\/\/|mailto:)/);
      expect(html).not.toMatch(/"\s+on\w+=/);
    });
  }

  it("drops event-handler and style attributes a client adds to nodes", () => {
    const doc = documentOf(paragraph("文字"));
    Object.assign(doc.root.children![0], {
      onclick: "alert(1)",
      style: "background:url(javascript:alert(1))",
      className: 'x" onmouseover="alert(1)',
    });
    Object.assign(doc.root.children![0].children![0], { style: "color:red;background:url(javascript:alert(1))", onmouseover: "alert(1)" });
    const stored = normalizeMinutesJson(JSON.stringify(doc));
    expect(JSON.stringify(stored)).not.toMatch(/onclick|onmouseover|javascript/);
    expect(render(stored)).toBe("<p>文字</p>");
  });

  it("refuses unknown node types such as html or script nodes", () => {
    for (const type of ["html", "script", "iframe", "image", "code-highlight", "__proto__"]) {
      const check = validateMinutesJson(
        JSON.stringify({
          root: { type: "root", version: 1, children: [{ type, version: 1, children: [], html: "<script>alert(1)</script>" }] },
        }),
      );
      expect(check).toMatchObject({ ok: false, error: "minutes:errors.unknown_node_type" });
      expect(
        renderMinutesHtml(JSON.stringify({ root: { type: "root", children: [{ type, html: "<script>alert(1)</script>" }] } }), t),
      ).toBe("");
    }
  });

  it("refuses an oversized document before parsing it", () => {
    const huge = JSON.stringify(documentOf(paragraph("字".repeat(200_000))));
    expect(validateMinutesJson(huge)).toMatchObject({ ok: false, error: "minutes:errors.document_too_large" });
  });

  it("refuses a deeply nested document, including absurd depths", () => {
    let node: Record<string, unknown> = { type: "text", version: 1, text: "深" };
    for (let i = 0; i < MAX_DEPTH + 2; i++) node = { type: "quote", version: 1, children: [node] };
    const deep = JSON.stringify({ root: { type: "root", version: 1, children: [node] } });
    expect(validateMinutesJson(deep)).toMatchObject({ ok: false, error: "minutes:errors.document_too_deep" });
    const absurd = `{"root":${'{"type":"root","children":['.repeat(50_000)}${"]}".repeat(50_000)}}`;
    expect(validateMinutesJson(absurd).ok).toBe(false);
  });

  it("refuses malformed JSON and locked blocks with malformed figures", () => {
    expect(validateMinutesJson("{")).toMatchObject({ ok: false, error: "minutes:errors.document_malformed" });
    expect(validateMinutesJson(42)).toMatchObject({ ok: false, error: "minutes:errors.document_malformed" });
    const broken = documentOf(voteResultBlock({ ...result, eligible: -1 }));
    expect(validateMinutesJson(JSON.stringify(broken))).toMatchObject({ ok: false, error: "minutes:errors.locked_block_malformed" });
    const scripted = documentOf(decisionBlock({ decisionId: "d1", text: "<script>alert(1)</script>", pollId: null }));
    expect(render(scripted)).not.toContain("<script");
  });
});

describe("content hash", () => {
  const doc = documentOf(heading("h1", "会议纪要"), paragraph("同意增设 10 个充电桩。"), voteResultBlock(result));

  it("is the same for the same document, whatever the key order", () => {
    const reordered = JSON.parse(JSON.stringify(doc), (_key, value) =>
      value && typeof value === "object" && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value,
    );
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(doc));
    expect(contentHash(reordered)).toBe(contentHash(doc));
    expect(contentHash(doc)).toMatch(/^[0-9a-f]{64}$/);
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
  });

  it("changes when one character changes", () => {
    const changed = documentOf(heading("h1", "会议纪要"), paragraph("同意增设 11 个充电桩。"), voteResultBlock(result));
    expect(contentHash(changed)).not.toBe(contentHash(doc));
  });
});

describe("word count", () => {
  it("counts each Chinese character and each Latin word", () => {
    expect(countWords("会议纪要 draft 2")).toBe(6);
    expect(countWords("同意增设充电桩。")).toBe(7);
    expect(countWords("Residents' council meeting, 2026-11-20")).toBe(4);
    expect(countWords("  \n ，。！")).toBe(0);
  });
});
