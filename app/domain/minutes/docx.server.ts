import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { LockedBlockDescription } from "../../editor/locked-describe";
import type { Translate } from "../errors";
import { describeAttendance, describeDecision, describeVoteResult } from "../../editor/locked-describe";
import type { AttendanceData, DecisionData, VoteResultData } from "./locked-data";
import type { RollCallDescription } from "../../editor/roll-call-describe";
import { describeRollCall } from "../../editor/roll-call-describe";
import { safeHref } from "../../editor/safe-url";
import type { SerializedNode } from "./document";
import { validateMinutesJson } from "../../editor/validate";

/**
 * Published minutes as a Word document. Chinese needs an East Asian font and language on every run (Word
 * otherwise falls back to a Latin font and marks the text as misspelt English), set here as the document
 * defaults; links keep only allowed targets, exactly as on the web page.
 */
const LATIN_FONT = "Arial";
const CJK_FONT = "SimSun";
const font = { ascii: LATIN_FONT, hAnsi: LATIN_FONT, eastAsia: CJK_FONT, cs: LATIN_FONT };
const language = { value: "zh-CN", eastAsia: "zh-CN" };
const NUMBERING = "minutes-numbered";

type Inline = TextRun | ExternalHyperlink;

function inlines(node: SerializedNode, inherited = 0): Inline[] {
  const out: Inline[] = [];
  for (const child of node.children ?? []) {
    if (child.type === "text") {
      const format = Number(child.format ?? 0) | inherited;
      out.push(
        new TextRun({
          text: String(child.text ?? ""),
          bold: !!(format & 1),
          italics: !!(format & 2),
          strike: !!(format & 4),
          underline: format & 8 ? {} : undefined,
        }),
      );
    } else if (child.type === "linebreak") out.push(new TextRun({ break: 1 }));
    else if (child.type === "tab") out.push(new TextRun({ text: "\t" }));
    else if (child.type === "link") {
      const href = safeHref(child.url);
      const runs = (child.children ?? []).map((c) => new TextRun({ text: String(c.text ?? ""), style: href ? "Hyperlink" : undefined }));
      if (href) out.push(new ExternalHyperlink({ link: href, children: runs }));
      else out.push(...runs);
    }
  }
  return out;
}

function table(head: string[], rows: string[][]): Table {
  const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }),
      ...rows.map((row) => new TableRow({ children: row.map((c) => cell(c)) })),
    ],
  });
}

/** A named poll's roll call (who voted what), as on the web page. */
function rollCallBlock(d: RollCallDescription | null): (Paragraph | Table)[] {
  if (!d) return [];
  return [
    new Paragraph({ children: [new TextRun({ text: d.title, bold: true })], spacing: { before: 120 } }),
    table(d.head, d.rows),
    new Paragraph({ spacing: { after: 160 }, children: [] }),
  ];
}

function lockedBlock(d: LockedBlockDescription): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [new Paragraph({ children: [new TextRun({ text: d.title, bold: true })], spacing: { before: 120 } })];
  if (d.table) out.push(table(d.table.head, d.table.rows));
  for (const fact of d.facts)
    out.push(new Paragraph({ children: [new TextRun({ text: `${fact.label}：`, bold: true }), new TextRun({ text: fact.value })] }));
  out.push(
    new Paragraph({
      children: [new TextRun({ text: d.outcome, bold: true })],
      border: { left: { style: BorderStyle.SINGLE, size: 12, color: "047857", space: 6 } },
      spacing: { after: 160 },
    }),
  );
  return out;
}

function blocks(root: SerializedNode, t: Translate): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  let numberedInstance = 0;
  const list = (node: SerializedNode, level: number) => {
    const numbered = node.listType === "number";
    const instance = numbered ? ++numberedInstance : 0;
    for (const item of node.children ?? []) {
      const nested = (item.children ?? []).filter((c) => c.type === "list");
      const own = inlines(item);
      if (own.length || nested.length === 0) {
        out.push(
          new Paragraph({
            children: own,
            ...(numbered ? { numbering: { reference: NUMBERING, level, instance } } : { bullet: { level } }),
          }),
        );
      }
      for (const child of nested) list(child, Math.min(level + 1, 8));
    }
  };
  for (const node of root.children ?? []) {
    // Published minutes never hold a removed block (publishing refuses them); a draft's export leaves them out.
    if (node.removed === true) continue;
    switch (node.type) {
      case "heading": {
        const level = { h1: HeadingLevel.HEADING_1, h2: HeadingLevel.HEADING_2 }[String(node.tag)] ?? HeadingLevel.HEADING_3;
        out.push(new Paragraph({ heading: level, children: inlines(node) }));
        break;
      }
      case "quote":
        out.push(
          new Paragraph({
            children: inlines(node, 2),
            indent: { left: 567 },
            border: { left: { style: BorderStyle.SINGLE, size: 12, color: "A8A29E", space: 8 } },
          }),
        );
        break;
      case "list":
        list(node, 0);
        break;
      case "vote-result":
        out.push(
          ...lockedBlock(describeVoteResult(node.data as VoteResultData, t)),
          ...rollCallBlock(describeRollCall(node.data as VoteResultData, t)),
        );
        break;
      case "attendance":
        out.push(...lockedBlock(describeAttendance(node.data as AttendanceData, t)));
        break;
      case "decision":
        out.push(...lockedBlock(describeDecision(node.data as DecisionData, t)));
        break;
      default:
        out.push(new Paragraph({ children: inlines(node) }));
    }
  }
  return out;
}

export async function minutesDocx(input: {
  title: string;
  content: string;
  contentHash: string | null;
  publishedAt: string;
  correctionNote: string | null;
  t: Translate;
}): Promise<Buffer> {
  const check = validateMinutesJson(input.content);
  const body = check.ok ? blocks(check.document.root, input.t) : [];
  const header: Paragraph[] = [];
  if (input.correctionNote)
    header.push(
      new Paragraph({
        children: [new TextRun({ text: input.t("minutes:public.correction", { note: input.correctionNote }), italics: true })],
      }),
    );
  const footer = [
    new Paragraph({
      spacing: { before: 400 },
      children: [new TextRun({ text: input.t("minutes:public.published", { time: input.publishedAt }), size: 18, color: "57534E" })],
    }),
    new Paragraph({
      children: [new TextRun({ text: `${input.t("minutes:public.hash_label")} ${input.contentHash ?? "—"}`, size: 18, color: "57534E" })],
    }),
  ];
  const doc = new Document({
    creator: "Yishi 议事",
    title: input.title,
    description: input.t("minutes:public.hash_explained"),
    styles: {
      default: {
        document: { run: { font, language, size: 24 }, paragraph: { spacing: { line: 360, after: 80 } } },
        heading1: {
          run: { font, language, size: 36, bold: true, color: "000000" },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 240, after: 240 } },
        },
        heading2: { run: { font, language, size: 30, bold: true, color: "000000" }, paragraph: { spacing: { before: 240, after: 120 } } },
        heading3: { run: { font, language, size: 26, bold: true, color: "000000" }, paragraph: { spacing: { before: 160, after: 80 } } },
      },
    },
    numbering: {
      config: [
        {
          reference: NUMBERING,
          levels: Array.from({ length: 9 }, (_, level) => ({
            level,
            format: level % 2 === 0 ? LevelFormat.DECIMAL : LevelFormat.LOWER_LETTER,
            text: `%${level + 1}.`,
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { left: 567 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
    sections: [{ children: [...header, ...body, ...footer] }],
  });
  return Packer.toBuffer(doc);
}
