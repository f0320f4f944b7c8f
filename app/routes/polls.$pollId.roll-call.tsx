import type { LoaderFunctionArgs } from "@remix-run/node";
import { HTTP_STATUS, isDomainError } from "../domain/errors";
import { rollCallOf } from "../domain/voting/roll-call.server";
import { getDb } from "../infra/db.server";
import { getCurrentUser } from "../web/session.server";

/** A named poll's roll call as data, for the host console (re-read as ballots arrive). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request);
  try {
    const rollCall = await rollCallOf(getDb(), user, params.pollId ?? "");
    return Response.json({ ok: true as const, rollCall }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return Response.json(
      { ok: false as const, reason: error.key },
      { status: HTTP_STATUS[error.kind], headers: { "Cache-Control": "no-store" } },
    );
  }
}
