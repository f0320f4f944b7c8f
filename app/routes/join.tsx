import type { MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { meetingCodeOf } from "../domain/meetings/access.server";
import { JOIN_CODE_INPUT_MAX, JoinCodeSchema } from "../schemas/meetings";
import { failureFor, firstError } from "../web/forms";
import { defineAction, parseForm } from "../web/route.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["meetings"] };

export const meta: MetaFunction = () => [{ title: "加入议事会 Join a meeting · 议事 Yishi" }];

export const action = defineAction(
  async ({ context, form }) => {
    const { code } = parseForm(JoinCodeSchema, form);
    return redirect(`/m/${await meetingCodeOf(context.db, code)}`);
  },
  // Give back what was typed so it can be corrected, but never echo input the schema refused for its length.
  { echo: ({ code = "" }) => ({ code: code.length <= JOIN_CODE_INPUT_MAX ? code : "" }) },
);

export default function JoinPage() {
  const { t } = useTranslation("meetings");
  const failure = failureFor(useActionData<typeof action>());
  const error = failure ? (failure.fieldErrors.code ?? firstError(failure)) : null;
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
            defaultValue={failure?.values.code ?? ""}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "code-error" : undefined}
          />
          {error ? (
            <p id="code-error" role="alert" className="field-error">
              {error}
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
