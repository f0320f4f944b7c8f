import type { MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { formatAddress } from "../components/people/address";
import { mergePeople } from "../domain/people/merge.server";
import {
  deactivatePerson,
  grantRole,
  personPage,
  possibleDuplicates,
  reactivatePerson,
  revokeRole,
} from "../domain/people/person-admin.server";
import { localized } from "../i18n/config";
import { formatDateTime } from "../infra/time";
import { endSessionSockets } from "../realtime/end-session-sockets.server";
import { GRANTABLE_ROLES, GrantRoleSchema, MergeSchema, PersonSearchSchema, RevokeRoleSchema } from "../schemas/admin";
import { recordId } from "../schemas/params";
import { requireMemberCommunity } from "../web/community.server";
import type { FormFailure } from "../web/forms";
import { failureFor, firstError } from "../web/forms";
import { param, parseSearchParams } from "../web/params.server";
import { defineAction, defineLoader, parseForm } from "../web/route.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["common", "admin", "people"] };

export const meta: MetaFunction = () => [{ title: "人员 Person · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, params, context }) => {
  const { user, community } = await requireMemberCommunity(request, context.db);
  const personId = param(params, "personId", recordId);
  const { find } = parseSearchParams(request, PersonSearchSchema);
  const page = await personPage(context.db, user, personId);
  const candidates = page.mayChangeAccount ? await possibleDuplicates(context.db, user, personId, find) : [];
  return { ...page, candidates, find: find ?? "", currentCommunityId: community.id, isSelf: user.id === personId };
});

const INTENTS = ["grant", "revoke", "deactivate", "reactivate", "merge"] as const;
type Intent = (typeof INTENTS)[number];

export const action = defineAction(
  async ({ request, params, context, form, intent }) => {
    const { user } = await requireMemberCommunity(request, context.db);
    const personId = param(params, "personId", recordId);
    const { db, clock } = context;
    let ended: string[] = [];
    switch (intent as Intent) {
      case "grant":
        await grantRole(db, clock, user, { personId, ...parseForm(GrantRoleSchema, form) });
        break;
      case "revoke":
        ({ endedSessionIds: ended } = await revokeRole(db, clock, user, { personId, ...parseForm(RevokeRoleSchema, form) }));
        break;
      case "deactivate":
        ({ endedSessionIds: ended } = await deactivatePerson(db, clock, user, personId));
        break;
      case "reactivate":
        await reactivatePerson(db, clock, user, personId);
        break;
      case "merge": {
        const { otherId, keep } = parseForm(MergeSchema, form);
        const survivorId = keep === "this" ? personId : otherId;
        const mergedId = keep === "this" ? otherId : personId;
        ({ endedSessionIds: ended } = await mergePeople(db, clock, user, { survivorId, mergedId }));
        break;
      }
    }
    for (const sessionId of ended) endSessionSockets(context.io, sessionId, "errors.realtime.session_ended");
    return { ok: true as const, intent };
  },
  { intents: INTENTS },
);

const DONE: Record<Intent, string> = {
  grant: "person.granted",
  revoke: "person.taken",
  deactivate: "person.deactivated",
  reactivate: "person.reactivated",
  merge: "person.merged",
};

export default function PersonPage() {
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, i18n } = useTranslation("admin");
  const lang = i18n.language;
  const { person } = data;
  const done = answer && "ok" in answer && answer.ok ? (answer.intent as Intent) : null;
  const status = person.disabled ? "status_deactivated" : person.needsActivation ? "status_awaiting" : "status_active";
  const memberOfCurrent = data.memberships.some((m) => m.community.id === data.currentCommunityId);
  return (
    <div className="space-y-6">
      <p>
        <Link to="/people" className="text-brand-700 underline underline-offset-2">
          {t("person.back")}
        </Link>
      </p>
      <div>
        <h1 className="flex flex-wrap items-center gap-3">
          {person.name}
          <span
            className={`badge ${person.disabled ? "bg-red-100 text-red-900" : person.needsActivation ? "bg-amber-100 text-amber-900" : "bg-green-100 text-green-900"}`}
          >
            {t(`person.${status}`)}
          </span>
        </h1>
        <p className="mt-1 text-ink-muted">
          {[
            t("person.username", { username: person.username }),
            person.phone ? t("person.phone", { phone: person.phone }) : null,
            t("person.added", { date: formatDateTime(person.createdAt, lang, false) }),
            person.activeSessions > 0 ? t("person.sessions", { count: person.activeSessions }) : t("person.no_sessions"),
          ]
            .filter(Boolean)
            .join(" · ")}
        </p>
        {person.streetAdminOf ? (
          <p className="mt-1">
            {t("person.street_admin_of", { street: localized(lang, person.streetAdminOf.nameZh, person.streetAdminOf.nameEn) })}
          </p>
        ) : null}
        {person.addresses.map((a) => (
          <p key={a.communityId} className="mt-1">
            {t("person.address", { address: formatAddress(t, a) })}
          </p>
        ))}
      </div>

      {done ? (
        <p role="status" className="rounded-lg bg-green-50 p-3 font-medium text-green-900">
          {t(DONE[done], { name: person.name })}
        </p>
      ) : null}

      {person.mergedInto ? (
        <p className="rounded-lg bg-amber-50 p-3">
          <Trans t={t} i18nKey="person.merged_into" values={{ name: person.mergedInto.name }}>
            This record was merged into{" "}
            <Link to={`/people/${person.mergedInto.id}`} className="font-semibold text-brand-700 underline underline-offset-2">
              {person.mergedInto.name}
            </Link>
            .
          </Trans>
        </p>
      ) : null}

      <section className="card space-y-3" aria-labelledby="roles-heading">
        <h2 id="roles-heading">{t("person.roles_heading")}</h2>
        <RefusalNote failure={failureFor(answer, "revoke")} />
        {data.memberships.length === 0 ? <p className="text-ink-muted">{t("person.no_roles")}</p> : null}
        <ul className="divide-y divide-stone-200">
          {data.memberships.map((m) => (
            <li key={m.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <div>
                <p className="font-semibold">
                  {t("person.role_in", { role: t(`roles.${m.role}`), community: localized(lang, m.community.nameZh, m.community.nameEn) })}
                </p>
                {m.grid ? (
                  <p className="text-sm text-ink-muted">
                    {t("person.grid", { code: m.grid.code, name: localized(lang, m.grid.nameZh, m.grid.nameEn) })}
                  </p>
                ) : null}
                {m.unit ? <p className="text-sm text-ink-muted">{localized(lang, m.unit.nameZh, m.unit.nameEn)}</p> : null}
                {m.isResidentRep ? <p className="text-sm text-ink-muted">{t("person.representative")}</p> : null}
              </div>
              {m.manageable && !person.mergedInto ? (
                <div className="flex flex-wrap gap-2">
                  {m.isResidentRep ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="membershipId" value={m.id} />
                      <input type="hidden" name="part" value="representative" />
                      <button type="submit" className="btn-secondary">
                        {t("person.take_representative")}
                      </button>
                    </Form>
                  ) : null}
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="membershipId" value={m.id} />
                    <input type="hidden" name="part" value="role" />
                    <button type="submit" className="btn-secondary" aria-describedby="take-role-note">
                      {t("person.take_role")}
                      <span className="sr-only">
                        {" "}
                        {t("person.role_in", {
                          role: t(`roles.${m.role}`),
                          community: localized(lang, m.community.nameZh, m.community.nameEn),
                        })}
                      </span>
                    </button>
                  </Form>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
        {data.memberships.some((m) => m.manageable) ? (
          <p id="take-role-note" className="text-sm text-ink-muted">
            {t("person.take_role_confirm")}
          </p>
        ) : null}
      </section>

      {!person.mergedInto ? <GrantForm grantable={data.grantable} failure={failureFor(answer, "grant")} /> : null}

      <section className="card space-y-4" aria-labelledby="account-heading">
        <h2 id="account-heading">{t("person.account_heading")}</h2>
        {!data.mayChangeAccount && !person.mergedInto ? <p className="text-ink-muted">{t("person.other_communities")}</p> : null}
        <RefusalNote failure={failureFor(answer, "deactivate") ?? failureFor(answer, "reactivate")} />
        {data.mayChangeAccount ? (
          person.disabled ? (
            <Form method="post">
              <button type="submit" name="intent" value="reactivate" className="btn-primary">
                {t("person.reactivate")}
              </button>
            </Form>
          ) : (
            <Form method="post" className="space-y-2">
              <p id="deactivate-help" className="text-sm text-ink-muted">
                {t("person.deactivate_help")}
              </p>
              <button
                type="submit"
                name="intent"
                value="deactivate"
                className="btn bg-red-700 text-white hover:bg-red-800"
                aria-describedby="deactivate-help"
              >
                {t("person.deactivate")}
              </button>
            </Form>
          )
        ) : null}
        {data.mayChangeAccount && !person.disabled && memberOfCurrent ? (
          <Form method="post" action="/people/letters" className="space-y-2">
            <input type="hidden" name="userId" value={person.id} />
            <p id="reset-help" className="text-sm text-ink-muted">
              {person.needsActivation ? null : t("person.reset_help")}
            </p>
            <button type="submit" className="btn-secondary" aria-describedby="reset-help">
              {person.needsActivation ? t("person.print_letter") : t("person.reset")}
            </button>
          </Form>
        ) : null}
        <p>
          <Link to={`/audit?subject=${person.id}`} className="text-brand-700 underline underline-offset-2">
            {t("person.history")}
          </Link>
        </p>
      </section>

      {data.mayChangeAccount ? (
        <MergeSection
          personUsername={person.username}
          candidates={data.candidates}
          find={data.find}
          failure={failureFor(answer, "merge")}
        />
      ) : null}
    </div>
  );
}

function RefusalNote({ failure }: { failure: FormFailure | undefined }) {
  const message = firstError(failure);
  return message ? (
    <p role="alert" className="rounded-lg bg-red-50 p-3 font-medium text-red-800">
      {message}
    </p>
  ) : null;
}

type Grantable = ReturnType<typeof useLoaderData<typeof loader>>["grantable"];

function GrantForm({ grantable, failure }: { grantable: Grantable; failure: FormFailure | undefined }) {
  const { t, i18n } = useTranslation("admin");
  const lang = i18n.language;
  const busy = useNavigation().state === "submitting";
  const values = failure?.values ?? {};
  const errors = failure?.fieldErrors ?? {};
  const single = grantable.length === 1 ? grantable[0] : null;
  const fieldError = (name: string) =>
    errors[name] ? (
      <p id={`${name}-error`} className="field-error">
        {errors[name]}
      </p>
    ) : null;
  const invalid = (name: string) => (errors[name] ? { "aria-invalid": true as const, "aria-describedby": `${name}-error` } : {});
  return (
    <section className="card space-y-4" aria-labelledby="give-heading">
      <h2 id="give-heading">{t("person.give_heading")}</h2>
      <Form method="post" className="grid gap-4 sm:grid-cols-2" noValidate>
        <input type="hidden" name="intent" value="grant" />
        {failure?.formError ? (
          <p role="alert" className="rounded-lg bg-red-50 p-3 font-medium text-red-800 sm:col-span-2">
            {failure.formError}
          </p>
        ) : null}
        {single ? (
          <input type="hidden" name="communityId" value={single.community.id} />
        ) : (
          <div>
            <label htmlFor="communityId" className="field-label">
              {t("person.community")}
            </label>
            <select
              id="communityId"
              name="communityId"
              className="field-input"
              defaultValue={values.communityId ?? ""}
              {...invalid("communityId")}
            >
              <option value="">{t("person.choose")}</option>
              {grantable.map((g) => (
                <option key={g.community.id} value={g.community.id}>
                  {localized(lang, g.community.nameZh, g.community.nameEn)}
                </option>
              ))}
            </select>
            {fieldError("communityId")}
          </div>
        )}
        <div>
          <label htmlFor="role" className="field-label">
            {t("person.role")}
          </label>
          <select id="role" name="role" className="field-input" defaultValue={values.role ?? ""} {...invalid("role")}>
            <option value="">{t("person.choose")}</option>
            {GRANTABLE_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`roles.${role}`)}
              </option>
            ))}
          </select>
          {fieldError("role")}
        </div>
        <div>
          <label htmlFor="gridId" className="field-label">
            {t("person.grid_field")}
          </label>
          <select id="gridId" name="gridId" className="field-input" defaultValue={values.gridId ?? ""} {...invalid("gridId")}>
            <option value="">{t("person.choose")}</option>
            {grantable.map((g) => (
              <optgroup key={g.community.id} label={localized(lang, g.community.nameZh, g.community.nameEn)}>
                {g.grids.map((grid) => (
                  <option key={grid.id} value={grid.id}>
                    {grid.code} {localized(lang, grid.nameZh, grid.nameEn)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          {fieldError("gridId")}
        </div>
        <div>
          <label htmlFor="unitId" className="field-label">
            {t("person.unit_field")}
          </label>
          <select id="unitId" name="unitId" className="field-input" defaultValue={values.unitId ?? ""} {...invalid("unitId")}>
            <option value="">{t("person.choose")}</option>
            {grantable.map((g) => (
              <optgroup key={g.community.id} label={localized(lang, g.community.nameZh, g.community.nameEn)}>
                {g.units.map((unit) => (
                  <option key={unit.id} value={unit.id}>
                    {localized(lang, unit.nameZh, unit.nameEn)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          {fieldError("unitId")}
        </div>
        <div className="sm:col-span-2">
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("person.give")}
          </button>
        </div>
      </Form>
    </section>
  );
}

type Candidate = ReturnType<typeof useLoaderData<typeof loader>>["candidates"][number];

function MergeSection(props: { personUsername: string; candidates: Candidate[]; find: string; failure: FormFailure | undefined }) {
  const { t, i18n } = useTranslation("admin");
  const lang = i18n.language;
  const { failure } = props;
  const values = failure?.values ?? {};
  const errors = failure?.fieldErrors ?? {};
  return (
    <section className="card space-y-4" aria-labelledby="merge-heading">
      <h2 id="merge-heading">{t("person.merge_heading")}</h2>
      <p className="text-ink-muted">{t("person.merge_help")}</p>
      <Form method="get" className="flex flex-wrap items-end gap-2" role="search">
        <div className="grow">
          <label htmlFor="find" className="field-label">
            {t("person.merge_find")}
          </label>
          <input id="find" name="find" defaultValue={props.find} className="field-input" />
        </div>
        <button type="submit" className="btn-secondary">
          {t("person.merge_search")}
        </button>
      </Form>
      <RefusalNote failure={failure?.formError ? failure : undefined} />
      {props.candidates.length === 0 ? (
        <p className="text-ink-muted">{t("person.merge_none")}</p>
      ) : (
        <Form method="post" className="space-y-4" noValidate>
          <input type="hidden" name="intent" value="merge" />
          <fieldset>
            <legend className="field-label">{t("person.merge_candidates")}</legend>
            <ul className="space-y-2">
              {props.candidates.map((c, index) => (
                <li key={c.id}>
                  <label className="flex items-start gap-3 rounded-lg border border-stone-200 p-3">
                    <input
                      type="radio"
                      name="otherId"
                      value={c.id}
                      defaultChecked={values.otherId ? values.otherId === c.id : index === 0}
                      className="mt-1 h-5 w-5"
                    />
                    <span>
                      <span className="font-semibold">
                        {c.name} · {c.username}
                      </span>
                      <span className="block text-sm text-ink-muted">
                        {t("person.candidate_roles", {
                          roles: c.roles
                            .map((r) => `${t(`roles.${r.role}`)}（${localized(lang, r.community.nameZh, r.community.nameEn)}）`)
                            .join("、"),
                          date: formatDateTime(c.createdAt, lang, false),
                        })}
                      </span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <fieldset aria-describedby={errors.keep ? "keep-error" : undefined}>
            <legend className="field-label">{t("person.merge_keep")}</legend>
            <label className="flex items-center gap-3 py-1">
              <input type="radio" name="keep" value="this" defaultChecked={values.keep !== "other"} className="h-5 w-5" />
              {t("person.merge_keep_this", { username: props.personUsername })}
            </label>
            <label className="flex items-center gap-3 py-1">
              <input type="radio" name="keep" value="other" defaultChecked={values.keep === "other"} className="h-5 w-5" />
              {t("person.merge_keep_other")}
            </label>
            {errors.keep ? (
              <p id="keep-error" className="field-error">
                {errors.keep}
              </p>
            ) : null}
          </fieldset>
          <div>
            <label className="flex items-start gap-3">
              <input
                type="checkbox"
                name="confirm"
                value="yes"
                className="mt-1 h-5 w-5"
                aria-invalid={errors.confirm ? true : undefined}
                aria-describedby={errors.confirm ? "confirm-error" : undefined}
              />
              {t("person.merge_confirm")}
            </label>
            {errors.confirm ? (
              <p id="confirm-error" className="field-error">
                {errors.confirm}
              </p>
            ) : null}
          </div>
          <button type="submit" className="btn bg-red-700 text-white hover:bg-red-800">
            {t("person.merge_submit")}
          </button>
        </Form>
      )}
    </section>
  );
}
