import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatInstant } from "../../infra/time";

export interface VersionRow {
  id: string;
  revision: number;
  note: string | null;
  author: string;
  createdAt: string;
}

function noteLabel(note: string | null, t: (key: string, values?: Record<string, string | number>) => string): string {
  if (!note) return t("versions.notes.autosave");
  if (note.startsWith("restored:")) return t("versions.notes.restored", { revision: note.slice("restored:".length) });
  return t(`versions.notes.${note}`, { defaultValue: note });
}

/** Who saved what when; any entry can be viewed, and (while editable) restored as a new revision. */
export function VersionHistory({
  versions,
  minutesId,
  baseRevision,
  canRestore,
  viewHref,
}: {
  versions: VersionRow[];
  minutesId: string;
  baseRevision: number;
  canRestore: boolean;
  viewHref: (versionId: string) => string;
}) {
  const { t, i18n } = useTranslation("minutes");
  return (
    <section aria-labelledby="versions-heading" className="card">
      <h2 id="versions-heading">{t("versions.heading")}</h2>
      <ol className="mt-3 divide-y divide-stone-200">
        {versions.map((v) => (
          <li key={v.id} className="flex flex-wrap items-center gap-x-3 gap-y-2 py-3" data-testid="version-row">
            <div className="min-w-0 flex-1">
              <p className="font-semibold">
                {t("versions.revision", { revision: v.revision })} · {noteLabel(v.note, t)}
              </p>
              <p className="text-sm text-ink-muted">
                {v.author} · {formatInstant(v.createdAt, i18n.language, "documentDateTime")}
              </p>
            </div>
            <Link to={viewHref(v.id)} className="btn-secondary" preventScrollReset>
              {t("versions.view")}
            </Link>
            {canRestore ? (
              <Form method="post">
                <input type="hidden" name="intent" value="restore" />
                <input type="hidden" name="minutesId" value={minutesId} />
                <input type="hidden" name="versionId" value={v.id} />
                <input type="hidden" name="baseRevision" value={baseRevision} />
                <button type="submit" className="btn-secondary">
                  {t("versions.restore")}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
