import type { LoaderFunctionArgs } from "@remix-run/node";
import { formatInstant } from "../infra/time";
import { loadPublishedMinutes } from "../domain/minutes/public-minutes.server";
import { i18nServer } from "../i18n/i18next.server";
import { getDb } from "../infra/db.server";
import { systemClock } from "../infra/clock";
import { param, parseSearchParams } from "../web/params.server";
import { recordId, slug } from "../schemas/params";
import { MinutesViewQuery } from "../schemas/minutes";

/** The published minutes as a .docx download (published rows only; drafts are never exported). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await i18nServer.getFixedT(request);
  const language = await i18nServer.getLocale(request);
  const requested = parseSearchParams(request, MinutesViewQuery).version ?? null;
  const page = await loadPublishedMinutes(
    getDb(),
    systemClock,
    param(params, "community", slug),
    param(params, "meetingId", recordId),
    requested,
  );
  if (!page?.minutes) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const { meeting, minutes } = page;
  // Loaded on first download only: the docx library is large and most server processes never need it.
  const { attachmentDisposition, minutesDocx } = await import("../domain/minutes/docx.server");
  const publishedAt = minutes.publishedAt ?? new Date();
  const buffer = await minutesDocx({
    title: t("minutes:public.title", { meeting: meeting.title }),
    content: minutes.content,
    contentHash: minutes.contentHash,
    publishedAt: formatInstant(publishedAt, language, "shortDateTime"),
    correctionNote: minutes.correctionNote,
    t,
  });
  const day = publishedAt.toISOString().slice(0, 10);
  const filename = `${t("minutes:public.docx_name", { meeting: meeting.title })}-${day}.docx`;
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": attachmentDisposition(filename, `minutes-${day}.docx`),
      "Content-Length": String(buffer.length),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
