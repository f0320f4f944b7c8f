import { useTranslation } from "react-i18next";
import type { TimelineEntry } from "../../domain/issues/timeline";
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
                {t(`timeline.${entry.kind}`, {
                  unit,
                  due: entry.values.dueAt ? formatDateTime(entry.values.dueAt, lang, false) : "",
                  percent: entry.values.percent ?? 0,
                  number: entry.values.number ?? "",
                  status: entry.toStatus ? t(`common:issue_status.${entry.toStatus}`) : "",
                })}
              </p>
              {entry.note ? <p className="mt-1 whitespace-pre-line rounded-lg bg-stone-50 p-2">{entry.note}</p> : null}
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
