import type { MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import type { FormEvent } from "react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatAddress } from "../components/people/address";
import type { PreviewRow } from "../domain/people/roll-import.server";
import { applyRollImport, fixRollRow, rollImportPreview, skipRollRow } from "../domain/people/roll-import.server";
import type { GridRef } from "../domain/people/roll-rows";
import { localized } from "../i18n/config";
import { recordId } from "../schemas/params";
import { RollApplySchema, RollRowFixSchema, RollRowSkipSchema } from "../schemas/people";
import { requireMemberCommunity } from "../web/community.server";
import type { FormFailure } from "../web/forms";
import { failureFor, isFormFailure } from "../web/forms";
import { param } from "../web/params.server";
import { defineAction, defineLoader, parseForm } from "../web/route.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["people"] };

export const meta: MetaFunction = () => [{ title: "核对名册 Check the roll · 议事 Yishi" }];

/** Rows of each kind sent to the page: every row that needs staff, and a sample of the rest. */
const SHOWN_PER_KIND = 100;

export const loader = defineLoader(async ({ request, params, context }) => {
  const { user, community } = await requireMemberCommunity(request, context.db);
  const preview = await rollImportPreview(context.db, user, community, param(params, "importId", recordId));
  const of = (outcome: PreviewRow["outcome"], limit = Number.POSITIVE_INFINITY) =>
    preview.rows.filter((row) => row.outcome === outcome).slice(0, limit);
  return {
    ...preview,
    rows: undefined,
    invalid: of("invalid"),
    skipped: of("skipped"),
    fresh: of("new", SHOWN_PER_KIND),
    existing: of("existing", SHOWN_PER_KIND),
  };
});

const INTENTS = ["fix", "skip", "unskip", "apply"] as const;

export const action = defineAction(
  async ({ request, params, context, form, intent }) => {
    const { user, community } = await requireMemberCommunity(request, context.db);
    const importId = param(params, "importId", recordId);
    const here = `/people/import/${importId}`;
    if (intent === "fix") {
      const { line, ...input } = parseForm(RollRowFixSchema, form);
      await fixRollRow(context.db, user, community, importId, line, input);
      return redirect(`${here}#line-${line}`);
    }
    if (intent === "skip" || intent === "unskip") {
      const { line } = parseForm(RollRowSkipSchema, form);
      await skipRollRow(context.db, user, community, importId, line, intent === "skip");
      return redirect(here);
    }
    const { chunk } = parseForm(RollApplySchema, form);
    const progress = await applyRollImport(context.db, context.clock, user, community, importId, chunk ? { chunks: 1 } : {});
    // The page's script asks chunk by chunk and moves its progress bar; a plain form post waits for all.
    if (chunk) return { ok: true as const, intent: "apply", progress };
    return redirect(here);
  },
  { intents: INTENTS },
);

export default function RollPreviewPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("people");
  const applied = data.status === "applied";
  return (
    <div className="space-y-6">
      <p>
        <Link to="/people" className="text-brand-700 underline underline-offset-2">
          {t("roll.back")}
        </Link>
      </p>
      <div>
        <h1>{applied ? t("import.applied_title") : t("import.preview_title")}</h1>
        <p className="mt-1 break-all text-ink-muted">{data.fileName}</p>
      </div>
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-label={t("import.counts")}>
        {(["new", "existing", "invalid", "skipped"] as const).map((kind) => (
          <li key={kind} className={`card ${kind === "invalid" && data.counts.invalid > 0 ? "border-red-300 bg-red-50" : ""}`}>
            <p className="text-sm text-ink-muted">{t(`import.outcome.${kind}`)}</p>
            <p className="text-3xl font-bold" data-testid={`count-${kind}`}>
              {data.counts[kind]}
            </p>
          </li>
        ))}
      </ul>

      {applied ? <AppliedSummary /> : <ConfirmImport />}

      {!applied && data.invalid.length > 0 ? (
        <section className="space-y-3" aria-labelledby="invalid-heading">
          <h2 id="invalid-heading">{t("import.invalid_title")}</h2>
          <p className="text-ink-muted">{t("import.invalid_help")}</p>
          {data.invalid.map((row) => (
            <InvalidRow key={row.line} row={row} grids={data.grids} />
          ))}
        </section>
      ) : null}

      {!applied && data.skipped.length > 0 ? (
        <section className="card" aria-labelledby="skipped-heading">
          <h2 id="skipped-heading">{t("import.skipped_title")}</h2>
          <ul className="mt-2 divide-y divide-stone-200">
            {data.skipped.map((row) => (
              <li key={row.line} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  {t("import.line", { line: row.line })} · {row.input.name || "—"}
                </span>
                <Form method="post">
                  <input type="hidden" name="intent" value="unskip" />
                  <input type="hidden" name="line" value={row.line} />
                  <button type="submit" className="btn-secondary">
                    {t("import.unskip")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <RowList title={t("import.new_title")} rows={data.fresh} total={data.counts.new} grids={data.grids} />
      <RowList title={t("import.existing_title")} rows={data.existing} total={data.counts.existing} grids={data.grids} />
    </div>
  );
}

type ApplyAnswer = {
  ok: true;
  intent: string;
  progress: { done: number; total: number; finished: boolean; created: number; updated: number };
};

function ConfirmImport() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("people");
  const fetcher = useFetcher<ApplyAnswer | FormFailure>();
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const [running, setRunning] = useState(false);
  const here = `/people/import/${data.id}`;
  const answer = fetcher.data;
  const progress = answer && !isFormFailure(answer) ? answer.progress : null;
  const refused = answer && isFormFailure(answer) ? (answer.formError ?? Object.values(answer.fieldErrors)[0]) : null;

  useEffect(() => {
    if (!running || fetcher.state !== "idle" || !answer) return;
    if (isFormFailure(answer) || answer.progress.finished) {
      setRunning(false);
      revalidator.revalidate();
      return;
    }
    fetcher.submit({ intent: "apply", chunk: "1" }, { method: "post", action: here });
  }, [running, fetcher, answer, here, revalidator]);

  const start = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setRunning(true);
    fetcher.submit({ intent: "apply", chunk: "1" }, { method: "post", action: here });
  };
  const busy = running || navigation.state === "submitting";
  return (
    <section className="card space-y-3" aria-labelledby="confirm-heading">
      <h2 id="confirm-heading">{t("import.confirm_title")}</h2>
      <p>{t("import.confirm_help", { count: data.planned, created: data.counts.new, updated: data.counts.existing })}</p>
      {refused ? (
        <p role="alert" className="rounded-lg bg-red-50 p-3 font-medium text-red-800">
          {refused}
        </p>
      ) : null}
      {progress || running ? (
        <div aria-live="polite">
          <label htmlFor="import-progress" className="field-label">
            {t("import.progress", { done: progress?.done ?? 0, total: progress?.total ?? data.planned })}
          </label>
          <progress
            id="import-progress"
            className="h-4 w-full"
            value={progress?.done ?? 0}
            max={Math.max(1, progress?.total ?? data.planned)}
          />
        </div>
      ) : null}
      <Form method="post" onSubmit={start}>
        <input type="hidden" name="intent" value="apply" />
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy || data.planned === 0}>
          {busy ? t("import.applying") : t("import.confirm", { count: data.planned })}
        </button>
      </Form>
    </section>
  );
}

function AppliedSummary() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("people");
  return (
    <section className="card space-y-3 border-green-300 bg-green-50" aria-labelledby="applied-heading" role="status">
      <h2 id="applied-heading">{t("import.done", { created: data.createdCount, updated: data.updatedCount })}</h2>
      <p>{t("import.letters_help")}</p>
      <Form method="post" action="/people/letters">
        <input type="hidden" name="importId" value={data.id} />
        <button type="submit" className="btn-primary">
          {t("import.print_letters")}
        </button>
      </Form>
    </section>
  );
}

function problemText(t: ReturnType<typeof useTranslation>["t"], row: PreviewRow): string {
  return row.problems.map((problem) => t(`import.problem.${problem}`, { line: row.duplicateOf ?? "" })).join(" ");
}

function InvalidRow({ row, grids }: { row: PreviewRow; grids: GridRef[] }) {
  const { t, i18n } = useTranslation("people");
  const failure = failureFor(useActionData<typeof action>(), "fix", { line: String(row.line) });
  const values = { ...row.input, ...(failure?.values ?? {}) };
  const errors = failure?.fieldErrors ?? {};
  const id = (field: string) => `line-${row.line}-${field}`;
  const field = (name: keyof typeof row.input, label: string, options: { inputMode?: "tel" | "numeric" } = {}) => (
    <div>
      <label htmlFor={id(name)} className="field-label">
        {label}
      </label>
      <input
        id={id(name)}
        name={name}
        defaultValue={values[name] ?? ""}
        inputMode={options.inputMode}
        className="field-input"
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `${id(name)}-error` : undefined}
      />
      {errors[name] ? (
        <p id={`${id(name)}-error`} className="field-error">
          {errors[name]}
        </p>
      ) : null}
    </div>
  );
  const gridKnown = grids.some((g) => g.code === values.grid);
  return (
    <article id={`line-${row.line}`} className="card border-red-300" aria-labelledby={`line-${row.line}-title`}>
      <h3 id={`line-${row.line}-title`} className="text-lg font-semibold">
        {t("import.line", { line: row.line })} · {row.input.name || "—"}
      </h3>
      <p className="mt-1 font-medium text-red-800">{problemText(t, row)}</p>
      <Form method="post" className="mt-3 space-y-3" noValidate>
        <input type="hidden" name="intent" value="fix" />
        <input type="hidden" name="line" value={row.line} />
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
          {field("name", t("import.field.name"))}
          {field("phone", t("import.field.phone"), { inputMode: "tel" })}
          <div>
            <label htmlFor={id("grid")} className="field-label">
              {t("import.field.grid")}
            </label>
            <select id={id("grid")} name="grid" defaultValue={gridKnown ? values.grid : ""} className="field-input">
              <option value="">
                {values.grid && !gridKnown ? t("import.grid_typed", { grid: values.grid }) : t("import.choose_grid")}
              </option>
              {grids.map((g) => (
                <option key={g.id} value={g.code}>
                  {g.code} {localized(i18n.language, g.nameZh, g.nameEn)}
                </option>
              ))}
            </select>
          </div>
          {field("building", t("import.field.building"))}
          {field("entrance", t("import.field.entrance"))}
          {field("room", t("import.field.room"))}
          {field("representative", t("import.field.representative"))}
        </div>
        <div className="flex flex-wrap gap-2">
          <button type="submit" className="btn-primary">
            {t("import.fix")}
          </button>
        </div>
      </Form>
      <Form method="post" className="mt-2">
        <input type="hidden" name="intent" value="skip" />
        <input type="hidden" name="line" value={row.line} />
        <button type="submit" className="btn-secondary">
          {t("import.skip")}
        </button>
      </Form>
    </article>
  );
}

function RowList({ title, rows, total, grids }: { title: string; rows: PreviewRow[]; total: number; grids: GridRef[] }) {
  const { t } = useTranslation("people");
  if (total === 0) return null;
  const gridCode = new Map(grids.map((g) => [g.id, g.code]));
  return (
    <section className="card" aria-label={title}>
      <h2>
        {title} ({total})
      </h2>
      <ul className="mt-2 divide-y divide-stone-200">
        {rows.map((row) => (
          <li key={row.line} className="py-2">
            <span className="font-medium">{row.value?.name}</span>
            {row.fixed ? <span className="badge ml-2 bg-brand-50 text-brand-800">{t("import.fixed")}</span> : null}
            <span className="block text-sm text-ink-muted">
              {[
                t("import.line", { line: row.line }),
                row.value ? gridCode.get(row.value.gridId) : "",
                formatAddress(t, row.value),
                row.value?.phone,
                row.value?.isResidentRep ? t("roll.representative") : "",
                row.matchedName ? t("import.matches", { name: row.matchedName }) : "",
              ]
                .filter(Boolean)
                .join(" · ")}
            </span>
          </li>
        ))}
      </ul>
      {total > rows.length ? <p className="mt-2 text-sm text-ink-muted">{t("import.more_rows", { count: total - rows.length })}</p> : null}
    </section>
  );
}
