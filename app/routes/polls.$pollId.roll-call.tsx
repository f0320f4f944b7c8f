import type { LoaderFunctionArgs } from "@remix-run/node";
import { isDomainError } from "../domain/errors";
import { rollCallOf } from "../domain/voting/roll-call.server";
import { httpStatusOf } from "../web/error-mapping";
import { getCurrentUser } from "../web/session.server";

/** A named poll's roll call as data, for the host console (re-read as ballots arrive). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request);
  try {
    const rollCall = await rollCallOf(context.db, user, params.pollId ?? "");
    return Response.json({ ok: true as const, rollCall }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return Response.json(
      { ok: false as const, reason: error.key },
      { status: httpStatusOf(error), headers: { "Cache-Control": "no-store" } },
    );
  }
}
