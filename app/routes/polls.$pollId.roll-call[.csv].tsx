import type { LoaderFunctionArgs } from "@remix-run/node";
import { isDomainError } from "../domain/errors";
import { toCsv } from "../domain/issues/csv";
import { rollCallRows } from "../domain/voting/roll-call";
import { rollCallOf } from "../domain/voting/roll-call.server";
import { translatorFor } from "../i18n/i18next.server";
import { httpStatusOf } from "../web/error-mapping";
import { getCurrentUser } from "../web/session.server";

/** Who voted what in a named poll, as CSV (UTF-8 with BOM, like the issue export). Same access as the roll call. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request);
  const { t } = await translatorFor(request, "meetings");
  let rollCall;
  try {
    rollCall = await rollCallOf(context.db, user, params.pollId ?? "");
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return new Response(t(error.key), {
      status: httpStatusOf(error),
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const labels = new Map(rollCall.options.map((o) => [o.key, rollCall.kind === "yes_no_abstain" ? t(`choices.${o.key}`) : o.label]));
  const csv = toCsv(
    [t("rollCall.csv.name"), t("rollCall.csv.status"), t("rollCall.csv.choice"), t("rollCall.csv.proxy")],
    rollCallRows(rollCall, {
      option: (key) => labels.get(key) ?? key,
      status: (status) => t(`rollCall.status.${status}`),
      proxy: (name) => (name ? t("rollCall.castBy", { name }) : t("rollCall.representedByProxy")),
    }),
  );
  const stamp = (rollCall.closedAt ?? context.clock.now().toISOString()).slice(0, 10);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="roll-call-${stamp}.csv"; filename*=UTF-8''${encodeURIComponent(`${rollCall.meetingTitle}-记名表决-${stamp}.csv`)}`,
      "Cache-Control": "no-store",
    },
  });
}
