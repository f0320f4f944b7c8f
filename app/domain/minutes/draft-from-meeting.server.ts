import type { Translate } from "../errors";
import { formatInstant } from "../../infra/time";
import type { MinutesDocument, SerializedNode } from "./document";
import type { Db } from "../../infra/db.server";
import { notFound } from "../errors";
import { attendanceOf, voteResultData } from "./locked-blocks.server";
import { attendanceBlock, decisionBlock, documentOf, heading, list, paragraph, text, voteResultBlock } from "./build-document";

const COMMENTS_QUOTED = 8;
const COMMENT_CHARS = 160;

function clip(value: string, max: number): string {
  const flat = value.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/**
 * The first version of the minutes, written from the meeting's record: when and where, attendance and
 * quorum, then for each agenda item what was said, what the experts advised, how the vote went and what
 * was decided. Staff edit the prose; the figures stay locked.
 */
export async function draftFromMeeting(db: Db, meetingId: string, t: Translate, language: string): Promise<MinutesDocument> {
  const meeting = await db.meeting.findUnique({
    where: { id: meetingId },
    include: {
      agendaItems: {
        orderBy: { position: "asc" },
        include: {
          comments: { where: { hiddenAt: null }, orderBy: { createdAt: "asc" } },
          opinions: { where: { hiddenAt: null }, orderBy: { createdAt: "asc" } },
          issue: { select: { number: true, title: true } },
        },
      },
      polls: { where: { status: "closed" }, orderBy: { closedAt: "asc" } },
      decisions: { orderBy: { createdAt: "asc" }, include: { actionItems: { include: { unit: true }, orderBy: { dueAt: "asc" } } } },
    },
  });
  if (!meeting) throw notFound("minutes:errors.meeting_not_found");

  const peopleIds = new Set<string>([meeting.hostId]);
  for (const item of meeting.agendaItems) {
    for (const c of item.comments) peopleIds.add(c.authorId);
    for (const o of item.opinions) peopleIds.add(o.expertId);
  }
  const people = new Map(
    (await db.user.findMany({ where: { id: { in: [...peopleIds] } }, select: { id: true, displayName: true } })).map((u) => [
      u.id,
      u.displayName,
    ]),
  );
  const nameOf = (id: string) => people.get(id) ?? t("minutes:draft.unknown_person");
  const date = (d: Date) => formatInstant(d, language, "longDateTime");

  const blocks: SerializedNode[] = [
    heading("h1", t("minutes:draft.title", { meeting: meeting.title })),
    paragraph(text(t("minutes:draft.when"), 1), date(meeting.startedAt ?? meeting.startsAt)),
    paragraph(text(t("minutes:draft.where"), 1), meeting.place),
    paragraph(text(t("minutes:draft.form"), 1), t(`common:meeting_forms.${meeting.form}`, { defaultValue: meeting.form })),
    paragraph(text(t("minutes:draft.host"), 1), nameOf(meeting.hostId)),
    heading("h2", t("minutes:draft.attendance")),
    attendanceBlock(await attendanceOf(db, meeting.id)),
  ];

  // The same data the save-time check recomputes (locked-blocks.server.ts), roll calls included.
  const voteData = new Map(await Promise.all(meeting.polls.map(async (poll) => [poll.id, await voteResultData(db, poll)] as const)));
  const pollBlocks = (polls: typeof meeting.polls) =>
    polls.flatMap((poll) => {
      const data = voteData.get(poll.id);
      return data ? [voteResultBlock(data)] : [];
    });
  const decisionBlocks = (decisions: typeof meeting.decisions) =>
    decisions.flatMap((decision) => {
      const out: SerializedNode[] = [decisionBlock({ decisionId: decision.id, text: decision.text, pollId: decision.pollId })];
      if (decision.actionItems.length) {
        out.push(paragraph(text(t("minutes:draft.action_items"), 1)));
        out.push(
          list(
            "bullet",
            decision.actionItems.map((a) => [
              t("minutes:draft.action_item", {
                unit: language === "en" ? a.unit.nameEn : a.unit.nameZh,
                description: a.description,
                due: formatInstant(a.dueAt, language, "shortDate"),
              }),
            ]),
          ),
        );
      }
      return out;
    });

  meeting.agendaItems.forEach((item, index) => {
    blocks.push(heading("h2", t("minutes:draft.agenda_item", { n: index + 1, title: item.title })));
    if (item.issue) blocks.push(paragraph(t("minutes:draft.linked_issue", { number: item.issue.number, title: item.issue.title })));
    if (item.description) blocks.push(paragraph(item.description));

    blocks.push(heading("h3", t("minutes:draft.discussion")));
    if (item.comments.length === 0) blocks.push(paragraph(t("minutes:draft.no_comments")));
    else {
      const speakers = new Set(item.comments.map((c) => c.authorId)).size;
      blocks.push(paragraph(t("minutes:draft.comment_summary", { count: item.comments.length, speakers })));
      blocks.push(
        list(
          "bullet",
          item.comments.slice(0, COMMENTS_QUOTED).map((c) => [text(`${nameOf(c.authorId)}：`, 1), clip(c.body, COMMENT_CHARS)]),
        ),
      );
      if (item.comments.length > COMMENTS_QUOTED)
        blocks.push(paragraph(t("minutes:draft.more_comments", { count: item.comments.length - COMMENTS_QUOTED })));
    }

    if (item.opinions.length) {
      blocks.push(heading("h3", t("minutes:draft.expert_opinions")));
      blocks.push(
        list(
          "bullet",
          item.opinions.map((o) => [
            text(`${nameOf(o.expertId)}（${t(`minutes:stance.${o.stance}`, { defaultValue: o.stance })}）：`, 1),
            o.rationale,
            text(` ${t("minutes:draft.conflict_of_interest", { statement: o.conflictOfInterest || t("minutes:draft.none_declared") })}`, 2),
          ]),
        ),
      );
    }

    const polls = meeting.polls.filter((p) => p.agendaItemId === item.id);
    if (polls.length) {
      blocks.push(heading("h3", t("minutes:draft.vote")));
      blocks.push(...pollBlocks(polls));
    }
    const decisions = meeting.decisions.filter((d) => d.agendaItemId === item.id);
    if (decisions.length) {
      blocks.push(heading("h3", t("minutes:draft.decision")));
      blocks.push(...decisionBlocks(decisions));
    }
  });

  const agendaIds = new Set(meeting.agendaItems.map((i) => i.id));
  const otherPolls = meeting.polls.filter((p) => !p.agendaItemId || !agendaIds.has(p.agendaItemId));
  const otherDecisions = meeting.decisions.filter((d) => !d.agendaItemId || !agendaIds.has(d.agendaItemId));
  if (otherPolls.length || otherDecisions.length) {
    blocks.push(heading("h2", t("minutes:draft.other_business")));
    blocks.push(...pollBlocks(otherPolls), ...decisionBlocks(otherDecisions));
  }

  blocks.push(heading("h2", t("minutes:draft.closing")));
  blocks.push(paragraph(t("minutes:draft.closing_text", { time: meeting.endedAt ? date(meeting.endedAt) : "—" })));
  return documentOf(...blocks);
}
