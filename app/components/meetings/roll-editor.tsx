import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PARTICIPANT_ROLES } from "../../schemas/meetings";
import { IntentError } from "./intent-error";

export interface RollEntry {
  id: string;
  userId: string | null;
  name: string;
  role: string;
  canVote: boolean;
  checkedIn: boolean;
  proxyForId: string | null;
}

/**
 * Staff's roll of a meeting: proxies, check-in at the door, members and guests without an account added,
 * people removed while the meeting is only planned. Forms post to the meeting page with their intent.
 */
export function RollEditor({
  meeting,
  roll,
  candidates,
  answer,
  busy,
}: {
  meeting: { status: string };
  roll: RollEntry[];
  candidates: { id: string; name: string; unverified?: boolean }[];
  answer: unknown;
  busy: boolean;
}) {
  const { t } = useTranslation("meetings");
  const { t: te } = useTranslation("enrol");
  const editable = meeting.status !== "ended";
  const voters = roll.filter((p) => p.canVote);
  return (
    <section className="card space-y-4" aria-labelledby="roll-heading">
      <h2 id="roll-heading">{t("roll.title")}</h2>
      <p className="text-ink-muted">
        {t("roll.manageSummary", { total: roll.length, voters: voters.length, checkedIn: roll.filter((p) => p.checkedIn).length })}
      </p>
      <IntentError answer={answer} intent="check-in" />
      <IntentError answer={answer} intent="check-out" />
      <IntentError answer={answer} intent="set-proxy" />
      <IntentError answer={answer} intent="remove-participant" />
      <ul className="divide-y divide-stone-200">
        {roll.map((p) => (
          <li key={p.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
            <span className="min-w-0">
              <span className="font-medium">{p.name}</span>
              <span className="block text-sm text-ink-muted">
                {t(`roles.${p.role}`)} · {p.canVote ? t("roll.votes") : t("roll.noVote")}
                {p.userId ? "" : ` · ${t("roll.noAccount")}`}
              </span>
            </span>
            <span className="flex flex-wrap items-center gap-2">
              {p.canVote && editable ? (
                <Form method="post" className="flex min-w-0 items-center gap-1">
                  <input type="hidden" name="intent" value="set-proxy" />
                  <input type="hidden" name="holderId" value={p.id} />
                  <label className="sr-only" htmlFor={`proxy-${p.id}`}>
                    {t("roll.proxyFor", { name: p.name })}
                  </label>
                  <select
                    id={`proxy-${p.id}`}
                    name="representedId"
                    defaultValue={p.proxyForId ?? ""}
                    className="field-input w-auto min-w-0 max-w-[12rem]"
                  >
                    <option value="">{t("roll.noProxy")}</option>
                    {voters
                      .filter((v) => v.id !== p.id)
                      .map((v) => (
                        <option key={v.id} value={v.id}>
                          {t("roll.holdsProxy", { name: v.name })}
                        </option>
                      ))}
                  </select>
                  <button type="submit" className="btn-secondary shrink-0 px-3" disabled={busy}>
                    {t("roll.saveProxy")}
                  </button>
                </Form>
              ) : null}
              {editable ? (
                <Form method="post">
                  <input type="hidden" name="intent" value={p.checkedIn ? "check-out" : "check-in"} />
                  <input type="hidden" name="participantId" value={p.id} />
                  <button
                    type="submit"
                    className={p.checkedIn ? "btn-secondary" : "btn-primary"}
                    disabled={busy}
                    aria-pressed={p.checkedIn}
                    aria-label={`${p.checkedIn ? t("roll.present") : t("roll.checkIn")} ${p.name}`}
                  >
                    {p.checkedIn ? t("roll.present") : t("roll.checkIn")}
                  </button>
                </Form>
              ) : (
                <span>{p.checkedIn ? t("roll.present") : t("roll.absent")}</span>
              )}
              {meeting.status === "planned" ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="remove-participant" />
                  <input type="hidden" name="participantId" value={p.id} />
                  <button type="submit" className="btn-secondary" disabled={busy} aria-label={`${t("roll.remove")} ${p.name}`}>
                    {t("roll.remove")}
                  </button>
                </Form>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
      {editable ? (
        <div className="grid gap-4 md:grid-cols-2">
          <Form method="post" className="space-y-2 rounded-lg bg-stone-50 p-3">
            <input type="hidden" name="intent" value="add-member" />
            <label htmlFor="userId" className="field-label">
              {t("roll.addMember")}
            </label>
            <select id="userId" name="userId" className="field-input" required>
              <option value="">{t("roll.choosePerson")}</option>
              {candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.unverified ? te("unverified_option", { name: c.name }) : c.name}
                </option>
              ))}
            </select>
            <RoleAndVote prefix="member" />
            <IntentError answer={answer} intent="add-member" />
            <button type="submit" className="btn-secondary" disabled={busy}>
              {t("roll.add")}
            </button>
          </Form>
          <Form method="post" className="space-y-2 rounded-lg bg-stone-50 p-3">
            <input type="hidden" name="intent" value="add-guest" />
            <label htmlFor="guest-name" className="field-label">
              {t("roll.addGuest")}
            </label>
            <input id="guest-name" name="name" className="field-input" required maxLength={60} />
            <p className="text-sm text-ink-muted">{t("roll.addGuestHint")}</p>
            <RoleAndVote prefix="guest" />
            <IntentError answer={answer} intent="add-guest" />
            <button type="submit" className="btn-secondary" disabled={busy}>
              {t("roll.add")}
            </button>
          </Form>
        </div>
      ) : null}
    </section>
  );
}

function RoleAndVote({ prefix }: { prefix: string }) {
  const { t } = useTranslation("meetings");
  return (
    <div className="grid grid-cols-2 gap-2">
      <div>
        <label htmlFor={`${prefix}-role`} className="field-label">
          {t("roll.role")}
        </label>
        <select id={`${prefix}-role`} name="role" className="field-input">
          {PARTICIPANT_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </select>
      </div>
      <label className="flex min-h-[44px] items-center gap-2 self-end">
        <input type="checkbox" name="canVote" defaultChecked className="h-5 w-5 accent-brand-600" />
        {t("roll.mayVote")}
      </label>
    </div>
  );
}
