import { useTranslation } from "react-i18next";
import type { TimelineEntry, TimelineLinks } from "../../domain/issues/timeline";
import { localized } from "../../i18n/config";
import { formatDateTime } from "../../infra/time";

export function IssueTimeline({ entries }: { entries: TimelineEntry[] }) {
  const { t, i18n } = useTranslation("issues");
  const lang = i18n.language;
  return (
    <section aria-labelledby="timeline-heading" className="card" id="timeline">
      <h2 id="timeline-heading">{t("timeline.heading")}</h2>
      <ol className="mt-3 space-y-4 border-l-2 border-stone-200 pl-4">
        {entries.map((entry) => {
          const unit = entry.values.unitZh ? localized(lang, entry.values.unitZh, entry.values.unitEn ?? entry.values.unitZh) : "";
          const who = entry.actor.system
            ? t("timeline.by_system")
            : entry.actor.unitZh
              ? localized(lang, entry.actor.unitZh, entry.actor.unitEn ?? entry.actor.unitZh)
              : entry.actor.role
                ? t(`common:roles.${entry.actor.role}`)
                : t("timeline.by_someone");
          return (
            <li key={entry.id} className="relative" data-testid="timeline-entry">
              <span aria-hidden="true" className="absolute -left-[1.4rem] top-2 h-3 w-3 rounded-full bg-brand-600" />
              <p className="font-medium">
                {entry.kind === "confirm_fixed" && entry.values.average !== undefined
                  ? t("figures:timeline.confirm_fixed_rated", { average: entry.values.average, count: entry.values.ratings ?? 0 })
                  : t(`timeline.${entry.kind}`, {
                      unit,
                      due: entry.values.dueAt ? formatDateTime(entry.values.dueAt, lang, false) : "",
                      percent: entry.values.percent ?? 0,
                      number: entry.values.number ?? "",
                      status: entry.toStatus ? t(`common:issue_status.${entry.toStatus}`) : "",
                    })}
              </p>
              {entry.note ? <p className="mt-1 whitespace-pre-line rounded-lg bg-stone-50 p-2">{entry.note}</p> : null}
              {entry.links?.need ? (
                <p>
                  <a
                    href={entry.links.need}
                    className="inline-flex min-h-[44px] items-center font-medium text-brand-700 underline underline-offset-2"
                  >
                    {t("timeline.open_need")}
                  </a>
                </p>
              ) : null}
              {entry.links && !entry.links.need ? <DecisionLinks links={entry.links} /> : null}
              <p className="text-sm text-ink-muted">
                <time dateTime={entry.at}>{formatDateTime(entry.at, lang)}</time> · {who}
              </p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** Where a council decision on the issue can be read: the vote, the decision, its meeting and the minutes. */
function DecisionLinks({ links }: { links: TimelineLinks }) {
  const { t } = useTranslation("figures");
  const link = "inline-flex min-h-[44px] items-center font-medium text-brand-700 underline underline-offset-2";
  return (
    <div className="mt-1 space-y-1">
      {links.vote ? (
        <p>
          {t("timeline.vote", { counts: links.vote.counts.map((c) => `${c.label} ${c.total}`).join(" · ") })}
          {links.vote.passed === null ? null : ` — ${t(links.vote.passed ? "timeline.carried" : "timeline.not_carried")}`}
        </p>
      ) : null}
      <p className="flex flex-wrap gap-x-4">
        {links.decision ? (
          <a href={links.decision} className={link}>
            {t("timeline.decision")}
          </a>
        ) : null}
        {links.meeting ? (
          <a href={links.meeting.href} className={link}>
            {t("timeline.meeting", { title: links.meeting.title })}
          </a>
        ) : null}
        {links.minutes ? (
          <a href={links.minutes} className={link}>
            {t("timeline.minutes")}
          </a>
        ) : null}
      </p>
    </div>
  );
}
