import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { localized } from "../../i18n/config";
import { failureFor, firstError } from "../../web/forms";
import { FormError } from "../issues/form-bits";

export interface AgreementView {
  id: string;
  title: string;
  startsOn: string;
  endsOn: string;
  status: "active" | "ending_soon" | "ended";
  signatories: { community: { name: string; role: string }; unit: { name: string; role: string } } | null;
  commitments: { id: string; text: string; project: { id: string; titleZh: string; titleEn: string } | null }[];
}

const BADGE: Record<AgreementView["status"], string> = {
  active: "bg-green-100 text-green-900",
  ending_soon: "bg-amber-100 text-amber-900",
  ended: "bg-stone-200 text-stone-800",
};

/**
 * A unit's cooperation agreements (共建协议): status, term, commitments and the projects they became; the
 * signatories when the reader may see them; with `projects`, a select per commitment to link it (staff).
 */
export function AgreementList({
  agreements,
  projects,
  edit,
}: {
  agreements: AgreementView[];
  projects?: { id: string; titleZh: string; titleEn: string }[];
  /** Staff: the form that corrects one agreement. */
  edit?: (agreement: AgreementView) => ReactNode;
}) {
  const { t, i18n } = useTranslation("units");
  const lang = i18n.language;
  const person = ({ name, role }: { name: string; role: string }) => (lang.startsWith("zh") ? `${name}（${role}）` : `${name} (${role})`);
  const answer = useActionData();
  const busy = useNavigation().state !== "idle";
  if (agreements.length === 0) return <p className="mt-2 text-ink-muted">{t("agreements.empty")}</p>;
  return (
    <ul className="mt-2 space-y-4">
      {agreements.map((agreement) => (
        <li key={agreement.id} id={`agreement-${agreement.id}`} className="rounded-lg border border-stone-200 p-3">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="text-lg font-semibold">{agreement.title}</h3>
            <span className={`rounded-full px-2 py-0.5 text-sm font-medium ${BADGE[agreement.status]}`}>
              {t(`agreements.status.${agreement.status}`)}
            </span>
          </div>
          <p className="text-sm text-ink-muted">{t("agreements.term", { start: agreement.startsOn, end: agreement.endsOn })}</p>
          {agreement.signatories ? (
            <p className="mt-1 text-sm">
              {t("agreements.signatories")}: {t("agreements.community_side")} {person(agreement.signatories.community)} ·{" "}
              {t("agreements.unit_side")} {person(agreement.signatories.unit)}
            </p>
          ) : null}
          {edit ? edit(agreement) : null}
          <h4 className="mt-2 font-semibold">{t("agreements.commitments")}</h4>
          <ol className="mt-1 list-decimal space-y-2 pl-6">
            {agreement.commitments.map((commitment) => {
              const failure = failureFor(answer, "link", { commitmentId: commitment.id });
              return (
                <li key={commitment.id}>
                  <span className="whitespace-pre-line">{commitment.text}</span>
                  {commitment.project ? (
                    <>
                      {" · "}
                      <span className="text-ink-muted">{t("agreements.became_project")}</span>{" "}
                      <Link to={`/projects/${commitment.project.id}`} className="text-brand-700 underline underline-offset-2">
                        {localized(lang, commitment.project.titleZh, commitment.project.titleEn)}
                      </Link>
                    </>
                  ) : null}
                  {projects && projects.length > 0 ? (
                    <Form method="post" className="mt-1 flex flex-wrap items-end gap-2">
                      <input type="hidden" name="intent" value="link" />
                      <input type="hidden" name="commitmentId" value={commitment.id} />
                      <label className="flex flex-col text-sm" htmlFor={`project-${commitment.id}`}>
                        {t("agreements.field.project")}
                        <select
                          id={`project-${commitment.id}`}
                          name="projectId"
                          className="field-input"
                          defaultValue={failure?.values.projectId ?? commitment.project?.id ?? ""}
                        >
                          <option value="">{t("agreements.field.no_project")}</option>
                          {projects.map((project) => (
                            <option key={project.id} value={project.id}>
                              {localized(lang, project.titleZh, project.titleEn)}
                            </option>
                          ))}
                        </select>
                      </label>
                      <button type="submit" className="btn-secondary" disabled={busy}>
                        {t("agreements.link")}
                      </button>
                      <FormError message={firstError(failure)} />
                    </Form>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </li>
      ))}
    </ul>
  );
}
