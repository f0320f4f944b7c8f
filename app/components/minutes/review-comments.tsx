import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatInstant } from "../../infra/time";

export interface ReviewComment {
  id: string;
  author: string;
  body: string;
  createdAt: string;
}

/** Review comments on the draft, and the form to add one (kept filled in when refused). */
export function ReviewComments({
  comments,
  minutesId,
  canComment,
  error,
  value,
}: {
  comments: ReviewComment[];
  minutesId: string;
  canComment: boolean;
  error?: string | null;
  value?: string;
}) {
  const { t, i18n } = useTranslation("minutes");
  return (
    <section aria-labelledby="review-heading" className="card">
      <h2 id="review-heading">{t("review.heading")}</h2>
      {comments.length === 0 ? <p className="mt-2 text-ink-muted">{t("review.empty")}</p> : null}
      <ul className="mt-3 space-y-3">
        {comments.map((c) => (
          <li key={c.id} className="rounded-lg bg-stone-50 p-3">
            <p className="text-sm text-ink-muted">
              {c.author} · {formatInstant(c.createdAt, i18n.language, "documentDateTime")}
            </p>
            <p className="whitespace-pre-wrap">{c.body}</p>
          </li>
        ))}
      </ul>
      {canComment ? (
        // Keyed by the count so the box empties once the comment is in (and keeps its text when refused).
        <Form key={comments.length} method="post" className="mt-4 space-y-2">
          <input type="hidden" name="intent" value="comment" />
          <input type="hidden" name="minutesId" value={minutesId} />
          <label htmlFor="review-body" className="field-label">
            {t("review.label")}
          </label>
          <textarea
            id="review-body"
            name="body"
            rows={3}
            className="field-input"
            defaultValue={value}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "review-body-error" : undefined}
          />
          {error ? (
            <p id="review-body-error" className="field-error">
              {error}
            </p>
          ) : null}
          <button type="submit" className="btn-secondary">
            {t("review.submit")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
