import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { issuePath } from "../../domain/issues/links";
import { IssueStatusBadge } from "../issue-list";

/** While an issue is being written: open issues that look like it, each with a "me too" button instead. */
export function SimilarIssues({
  similar,
  slug,
}: {
  similar: { id: string; number: number; title: string; status: string; meTooCount: number }[];
  slug: string;
}) {
  const { t } = useTranslation("issues");
  if (similar.length === 0) return null;
  return (
    <section aria-live="polite" aria-labelledby="similar-heading" className="rounded-lg border border-amber-300 bg-amber-50 p-3">
      <h2 id="similar-heading" className="text-lg">
        {t("raise.similar_heading")}
      </h2>
      <p className="text-sm text-ink-muted">{t("raise.similar_lead")}</p>
      <ul className="mt-2 space-y-2">
        {similar.map((issue) => (
          <li key={issue.id} className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-white p-2">
            <Link to={issuePath(slug, issue.number)} className="font-medium underline underline-offset-2">
              #{issue.number} {issue.title}
            </Link>
            <span className="flex items-center gap-2">
              <IssueStatusBadge status={issue.status} />
              <Form method="post" action={issuePath(slug, issue.number)}>
                <input type="hidden" name="intent" value="me_too" />
                <button type="submit" className="btn-secondary">
                  {t("follow.me_too_with_count", { count: issue.meTooCount })}
                </button>
              </Form>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
