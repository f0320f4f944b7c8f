import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { issuePath } from "../domain/issues/links";
import { formatDateTime } from "../infra/time";

export interface IssueListItem {
  id: string;
  number: number;
  title: string;
  status: string;
  createdAt: string | Date;
  community: { slug: string };
}

export function IssueStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const tone =
    status === "resolved" || status === "closed"
      ? "bg-green-100 text-green-900"
      : status === "escalated" || status === "reopened"
        ? "bg-red-100 text-red-900"
        : status === "rejected" || status === "merged"
          ? "bg-stone-200 text-stone-800"
          : "bg-amber-100 text-amber-900";
  return <span className={`badge ${tone}`}>{t(`issue_status.${status}`)}</span>;
}

export function IssueList({ title, issues, empty }: { title: string; issues: IssueListItem[]; empty: string }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="card">
      <h2>{title}</h2>
      {issues.length === 0 ? (
        <p className="mt-2 text-ink-muted">{empty}</p>
      ) : (
        <ul className="mt-3 divide-y divide-stone-200">
          {issues.map((issue) => (
            <li key={issue.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
              <span>
                <span className="text-ink-muted">#{issue.number}</span>{" "}
                <Link to={issuePath(issue.community.slug, issue.number)} className="font-medium underline-offset-4 hover:underline">
                  {issue.title}
                </Link>
              </span>
              <span className="flex items-center gap-2 text-sm text-ink-muted">
                <IssueStatusBadge status={issue.status} />
                <time dateTime={new Date(issue.createdAt).toISOString()}>
                  {t("common.raised_on", { date: formatDateTime(issue.createdAt, i18n.language, false) })}
                </time>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
