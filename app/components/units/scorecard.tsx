import { useTranslation } from "react-i18next";
import type { Scorecard as ScorecardFigures } from "../../domain/units/scorecard";
import { hoursOf } from "../../domain/volunteering/rules";
import { formatNumber, formatPercent } from "../../infra/time";

/** A unit's record: figures a resident can compare between units, "–" where there is nothing to count yet. */
export function Scorecard({
  score,
  volunteering,
}: {
  score: ScorecardFigures;
  /** The unit's people's confirmed volunteer minutes (双报到) and the small wishes the unit fulfilled. */
  volunteering?: { volunteerMinutes: number; wishesFulfilled: number };
}) {
  const { t, i18n } = useTranslation("units");
  const { t: tv } = useTranslation("volunteering");
  const lang = i18n.language;
  const percent = (value: number | null) => (value === null ? "–" : formatPercent(value, lang));
  const days = (value: number | null) => (value === null ? "–" : t("score.days", { days: formatNumber(value, lang) }));
  const figures: [string, string][] = [
    ["on_time", percent(score.onTimeRate)],
    ["to_claim", days(score.medianDaysToClaim)],
    ["to_finish", days(score.medianDaysToFinish)],
    ["satisfaction", percent(score.satisfactionRate)],
    ["items", t("score.items_value", { done: score.itemsDone, open: score.itemsOpen })],
    ["projects", t("score.projects_value", { completed: score.projectsCompleted, active: score.projectsActive })],
    [
      "joint_meetings",
      score.jointMeetingAttendanceRate === null
        ? "–"
        : t("score.joint_meetings_value", {
            rate: percent(score.jointMeetingAttendanceRate),
            attended: score.jointMeetingsAttended,
            held: score.jointMeetingsHeld,
          }),
    ],
  ];
  const more: [string, string][] = volunteering
    ? [
        [tv("score.volunteer_hours"), tv("hours_value", { hours: formatNumber(hoursOf(volunteering.volunteerMinutes), lang) })],
        [tv("score.wishes_fulfilled"), formatNumber(volunteering.wishesFulfilled, lang)],
      ]
    : [];
  return (
    <section className="card" aria-labelledby="score-heading">
      <h2 id="score-heading">{t("score.title")}</h2>
      <dl className="mt-2 grid grid-cols-2 gap-2 text-center sm:grid-cols-3">
        {figures.map(([key, value]) => (
          <div key={key} className="rounded-lg bg-stone-50 p-2">
            <dt className="text-sm text-ink-muted">{t(`score.${key}`)}</dt>
            <dd className="text-lg font-semibold">{value}</dd>
          </div>
        ))}
        {more.map(([label, value]) => (
          <div key={label} className="rounded-lg bg-stone-50 p-2">
            <dt className="text-sm text-ink-muted">{label}</dt>
            <dd className="text-lg font-semibold">{value}</dd>
          </div>
        ))}
      </dl>
      {score.answers > 0 ? <p className="mt-1 text-sm text-ink-muted">{t("score.answers", { count: score.answers })}</p> : null}
    </section>
  );
}
