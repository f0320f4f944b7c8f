import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { i18nServer } from "../i18n/i18next.server";
import { JOIN_CODE_INPUT_MAX, JoinCodeSchema } from "../schemas/meetings";
import { getDb } from "../infra/db.server";
import { parseForm } from "../web/legacy-forms";
import { readFormData } from "../web/params.server";

export const meta: MetaFunction = () => [{ title: "加入议事会 Join a meeting · 议事 Yishi" }];

export async function action({ request }: ActionFunctionArgs) {
  const t = await i18nServer.getFixedT(request);
  const parsed = parseForm(JoinCodeSchema, await readFormData(request));
  if (!parsed.ok) {
    // Give back what was typed so it can be corrected, but never echo input the schema refused for its length.
    const typed = parsed.values.code ?? "";
    return data(
      { error: t(parsed.fieldErrors.code ?? "meetings:errors.badCode"), code: typed.length <= JOIN_CODE_INPUT_MAX ? typed : "" },
      { status: 400 },
    );
  }
  const meeting = await getDb().meeting.findUnique({ where: { code: parsed.data.code }, select: { code: true } });
  if (!meeting) return data({ error: t("meetings:errors.noSuchCode"), code: parsed.data.code }, { status: 404 });
  return redirect(`/m/${meeting.code}`);
}

export default function JoinPage() {
  const { t } = useTranslation("meetings");
  const result = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1>{t("join.title")}</h1>
      <p className="text-ink-muted">{t("join.intro")}</p>
      <Form method="post" className="card space-y-4">
        <div>
          <label htmlFor="code" className="field-label">
            {t("join.codeLabel")}
          </label>
          <input
            id="code"
            name="code"
            className="field-input text-center text-3xl uppercase tracking-[0.3em]"
            autoComplete="off"
            autoCapitalize="characters"
            inputMode="text"
            maxLength={12}
            required
            defaultValue={result?.code ?? ""}
            aria-invalid={result?.error ? true : undefined}
            aria-describedby={result?.error ? "code-error" : undefined}
          />
          {result?.error ? (
            <p id="code-error" role="alert" className="field-error">
              {result.error}
            </p>
          ) : null}
        </div>
        <button type="submit" className="btn-primary w-full text-lg">
          {t("join.submit")}
        </button>
      </Form>
    </div>
  );
}
