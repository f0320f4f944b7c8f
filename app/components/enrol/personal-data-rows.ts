import type { TFunction } from "i18next";
import type { PersonalData } from "../../domain/enrolment/personal-data.server";
import { localized } from "../../i18n/config";
import { formatDateTime } from "../../infra/time";
import { formatAddress } from "../people/address";

export type DataRow = [section: string, item: string, value: string];

/**
 * The person's data as lines a person can read (section, what, value), in their language: the same lines
 * for the page and for the CSV download, so what they read is what they get.
 */
export function personalDataRows(data: PersonalData, t: TFunction, lang: string): DataRow[] {
  const at = (value: Date | null | undefined) => (value ? formatDateTime(value, lang) : "");
  const yes = (value: boolean) => t(value ? "data.yes" : "data.no");
  const rows: DataRow[] = [];
  const account = t("data.sections.account");
  rows.push([account, t("data.fields.name"), data.account.displayName]);
  rows.push([account, t("data.fields.username"), data.account.username]);
  rows.push([account, t("data.fields.phone"), data.account.phone ?? ""]);
  rows.push([account, t("data.fields.created"), at(data.account.createdAt)]);
  if (data.account.expertise) rows.push([account, t("data.fields.expertise"), data.account.expertise]);
  const roles = t("data.sections.roles");
  for (const m of data.memberships)
    rows.push([
      roles,
      localized(lang, m.community.nameZh, m.community.nameEn),
      [
        t(`common:roles.${m.role}`),
        m.isResidentRep ? t("data.fields.representative") : "",
        m.grid ? `${m.grid.code} ${localized(lang, m.grid.nameZh, m.grid.nameEn)}` : "",
        m.unit ? localized(lang, m.unit.nameZh, m.unit.nameEn) : "",
      ]
        .filter(Boolean)
        .join(" · "),
    ]);
  const addresses = t("data.sections.addresses");
  for (const a of data.addresses) rows.push([addresses, t(`enrol:state.${a.verification}`), formatAddress(t, a)]);
  for (const v of data.verifications)
    rows.push([
      addresses,
      at(v.createdAt),
      [t(`enrol:queue.method_${v.method}`), t(`enrol:data.outcome.${v.outcome}`), v.reason ?? ""].filter(Boolean).join(" · "),
    ]);
  const issues = t("data.sections.issues");
  for (const i of data.issues)
    rows.push([
      issues,
      `#${i.number} ${i.title}`,
      [t(`common:issue_status.${i.status}`), at(i.raisedAt), i.address ?? "", i.description].filter(Boolean).join(" · "),
    ]);
  const feedback = t("data.sections.feedback");
  for (const a of data.acceptanceResponses)
    rows.push([
      feedback,
      `#${a.issue.number} ${a.issue.title}`,
      [a.rating ? `${a.rating}/5` : yes(a.satisfied), a.reason ?? "", at(a.at)].filter(Boolean).join(" · "),
    ]);
  for (const o of data.objections)
    rows.push([feedback, o.decision.slice(0, 80), [o.reason, o.answer ?? "", at(o.at)].filter(Boolean).join(" · ")]);
  for (const c of data.comments) rows.push([feedback, at(c.at), c.body]);
  const meetings = t("data.sections.meetings");
  for (const p of data.meetings)
    rows.push([
      meetings,
      p.meeting,
      [at(p.startsAt), t("data.fields.can_vote", { value: yes(p.canVote) }), p.checkedInAt ? t("data.fields.checked_in") : ""]
        .filter(Boolean)
        .join(" · "),
    ]);
  for (const v of data.votesCast) rows.push([meetings, v.poll, t("data.fields.voted", { at: at(v.at) })]);
  for (const b of data.namedBallots) rows.push([meetings, b.poll, b.choices]);
  return rows;
}
