import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SERIES_DAY_RULES, SERIES_FREQUENCIES } from "../../domain/joint-meetings/recurrence";
import { QUORUM_RULES } from "../../domain/voting/tally";
import { localized } from "../../i18n/config";
import type { FormFailure } from "../../web/forms";
import { describedBy, Field, FormError } from "../issues/form-bits";

export interface SeriesFormChoices {
  hosts: { id: string; name: string }[];
  units: { unitId: string; nameZh: string; nameEn: string; reps: { id: string; name: string }[] }[];
}

/** What the form starts with: a series being edited, or the defaults of a new one. */
export interface SeriesFormValues {
  title: string;
  theme: string;
  place: string;
  frequency: string;
  monthInPeriod: number;
  dayRule: string;
  ordinal: number | null;
  weekday: number | null;
  dayOfMonth: number | null;
  time: string;
  ahead: number;
  hostId: string;
  quorumRule: string;
  seats: { unitId: string; delegateId: string | null; substituteId: string | null }[];
}

const ORDINALS = ["1", "2", "3", "4", "-1"];
const WEEKDAYS = ["1", "2", "3", "4", "5", "6", "7"];

/**
 * The 三定 series form (create and edit): fixed theme, place and time, the calendar rule, and per unit who
 * sits for it. Plain fields, so it works before JavaScript; both day rules are shown and the server reads
 * the one chosen.
 */
export function JointSeriesForm({
  choices,
  initial,
  failure,
  submitLabel,
}: {
  choices: SeriesFormChoices;
  initial: SeriesFormValues;
  failure?: FormFailure;
  submitLabel: string;
}) {
  const { t, i18n } = useTranslation("units");
  const { t: tm } = useTranslation("meetings");
  const navigation = useNavigation();
  const typed = failure?.values;
  const errors = failure?.fieldErrors ?? {};
  const value = (name: keyof SeriesFormValues) => typed?.[name] ?? String(initial[name] ?? "");
  const input = (name: string) => ({
    id: name,
    name,
    className: "field-input",
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": describedBy(name, errors[name]),
  });
  const seatOf = (unitId: string) => initial.seats.find((seat) => seat.unitId === unitId);
  const seatError = Object.entries(errors).find(([key]) => key.startsWith("seats"))?.[1];
  return (
    <Form method="post" className="card space-y-5" noValidate>
      <FormError message={failure?.formError} />
      <Field id="title" label={t("jointMeetings.fields.title")} error={errors.title}>
        <input {...input("title")} required maxLength={120} defaultValue={value("title")} />
      </Field>
      <Field id="theme" label={t("jointMeetings.fields.theme")} error={errors.theme}>
        <input {...input("theme")} required maxLength={200} defaultValue={value("theme")} />
      </Field>
      <Field id="place" label={t("jointMeetings.fields.place")} error={errors.place}>
        <input {...input("place")} required maxLength={120} defaultValue={value("place")} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="frequency" label={t("jointMeetings.fields.frequency")} error={errors.frequency}>
          <select {...input("frequency")} defaultValue={value("frequency")}>
            {SERIES_FREQUENCIES.map((f) => (
              <option key={f} value={f}>
                {t(`jointMeetings.frequency.${f}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="monthInPeriod" label={t("jointMeetings.fields.monthInPeriod")} error={errors.monthInPeriod}>
          <select {...input("monthInPeriod")} defaultValue={value("monthInPeriod")}>
            {["1", "2", "3"].map((m) => (
              <option key={m} value={m}>
                {t(`jointMeetings.monthInPeriod.${m}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <fieldset>
        <legend className="field-label">{t("jointMeetings.fields.dayRule")}</legend>
        <div className="space-y-3">
          {SERIES_DAY_RULES.map((rule) => (
            <div key={rule} className="rounded-lg border border-stone-300 p-3">
              <label className="flex min-h-[44px] items-center gap-2">
                <input
                  type="radio"
                  name="dayRule"
                  value={rule}
                  defaultChecked={value("dayRule") === rule}
                  className="h-5 w-5 accent-brand-600"
                />
                {t(`jointMeetings.dayRule.${rule}`)}
              </label>
              {rule === "nth_weekday" ? (
                <div className="grid grid-cols-2 gap-3">
                  <Field id="ordinal" label={t("jointMeetings.fields.ordinal")} error={errors.ordinal}>
                    <select {...input("ordinal")} defaultValue={typed?.ordinal ?? String(initial.ordinal ?? 1)}>
                      {ORDINALS.map((o) => (
                        <option key={o} value={o}>
                          {t(`jointMeetings.ordinal.${o}`)}
                        </option>
                      ))}
                    </select>
                  </Field>
                  <Field id="weekday" label={t("jointMeetings.fields.weekday")} error={errors.weekday}>
                    <select {...input("weekday")} defaultValue={typed?.weekday ?? String(initial.weekday ?? 4)}>
                      {WEEKDAYS.map((d) => (
                        <option key={d} value={d}>
                          {t(`jointMeetings.weekday.${d}`)}
                        </option>
                      ))}
                    </select>
                  </Field>
                </div>
              ) : (
                <Field id="dayOfMonth" label={t("jointMeetings.fields.dayOfMonth")} error={errors.dayOfMonth}>
                  <input
                    {...input("dayOfMonth")}
                    type="number"
                    min={1}
                    max={31}
                    defaultValue={typed?.dayOfMonth ?? String(initial.dayOfMonth ?? 1)}
                  />
                </Field>
              )}
            </div>
          ))}
        </div>
        {errors.dayRule ? <p className="field-error">{errors.dayRule}</p> : null}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="time" label={t("jointMeetings.fields.time")} error={errors.time}>
          <input {...input("time")} type="time" required defaultValue={value("time")} />
        </Field>
        <Field id="ahead" label={t("jointMeetings.fields.ahead")} error={errors.ahead}>
          <select {...input("ahead")} defaultValue={value("ahead")}>
            {["1", "2", "3", "4"].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </Field>
        <Field id="hostId" label={t("jointMeetings.fields.host")} error={errors.hostId}>
          <select {...input("hostId")} defaultValue={value("hostId")}>
            {choices.hosts.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="quorumRule" label={t("jointMeetings.fields.quorumRule")} error={errors.quorumRule}>
          <select {...input("quorumRule")} defaultValue={value("quorumRule")}>
            {QUORUM_RULES.map((rule) => (
              <option key={rule} value={rule}>
                {tm(`quorumRules.${rule}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <fieldset aria-describedby="seats-hint">
        <legend className="field-label">{t("jointMeetings.fields.seats")}</legend>
        <p id="seats-hint" className="mb-2 text-sm text-ink-muted">
          {t("jointMeetings.seatsHint")}
        </p>
        {seatError ? <p className="field-error">{seatError}</p> : null}
        {choices.units.length === 0 ? <p>{t("jointMeetings.noUnits")}</p> : null}
        <ul className="space-y-3">
          {choices.units.map((unit, i) => {
            const seat = seatOf(unit.unitId);
            const name = localized(i18n.language, unit.nameZh, unit.nameEn);
            return (
              <li key={unit.unitId} className="rounded-lg border border-stone-200 p-3">
                <p className="font-medium">{name}</p>
                <input type="hidden" name="seatUnit" value={unit.unitId} />
                <div className="mt-2 grid gap-3 sm:grid-cols-2">
                  <div>
                    <label htmlFor={`seat-${i}-delegate`} className="text-sm text-ink-muted">
                      {t("jointMeetings.fields.delegate")}
                    </label>
                    <select id={`seat-${i}-delegate`} name="seatDelegate" className="field-input" defaultValue={seat?.delegateId ?? ""}>
                      <option value="">{t("jointMeetings.fields.notInvited")}</option>
                      {unit.reps.map((rep) => (
                        <option key={rep.id} value={rep.id}>
                          {rep.name}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div>
                    <label htmlFor={`seat-${i}-substitute`} className="text-sm text-ink-muted">
                      {t("jointMeetings.fields.substitute")}
                    </label>
                    <select
                      id={`seat-${i}-substitute`}
                      name="seatSubstitute"
                      className="field-input"
                      defaultValue={seat?.substituteId ?? ""}
                    >
                      <option value="">{t("jointMeetings.fields.noSubstitute")}</option>
                      {unit.reps.map((rep) => (
                        <option key={rep.id} value={rep.id}>
                          {rep.name}
                        </option>
                      ))}
                    </select>
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      </fieldset>
      <button type="submit" className="btn-primary w-full sm:w-auto" disabled={navigation.state !== "idle"}>
        {submitLabel}
      </button>
    </Form>
  );
}
