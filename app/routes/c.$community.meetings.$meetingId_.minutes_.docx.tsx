import type { LoaderFunctionArgs } from "@remix-run/node";
import { isDomainError } from "../domain/errors";
import { publishedMinutesDocx } from "../domain/minutes/public-minutes.server";
import { translatorFor } from "../i18n/i18next.server";
import { MinutesViewQuery } from "../schemas/minutes";
import { recordId, slug } from "../schemas/params";
import { attachmentDisposition } from "../web/attachment";
import { httpStatusOf } from "../web/error-mapping";
import { param, parseSearchParams } from "../web/params.server";

/** The published minutes as a .docx download (published rows only; drafts are never exported). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { language, t } = await translatorFor(request);
  const wanted = {
    communitySlug: param(params, "community", slug),
    meetingId: param(params, "meetingId", recordId),
    minutesId: parseSearchParams(request, MinutesViewQuery).version ?? null,
  };
  try {
    const file = await publishedMinutesDocx(context.db, context.clock, wanted, t, language);
    return new Response(new Uint8Array(file.buffer), {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Content-Disposition": attachmentDisposition(file.filename, file.asciiFilename),
        "Content-Length": String(file.buffer.length),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return new Response("Not found", { status: httpStatusOf(error), headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}
