import { myPersonalData } from "../domain/enrolment/personal-data.server";
import { chinaDateString } from "../infra/time";
import { defineLoader } from "../web/route.server";
import { requireUser } from "../web/session.server";

/** "Download my data" as JSON: everything kept about the signed-in person, for them alone (never cached). */
export const loader = defineLoader(async ({ request, context }) => {
  const user = await requireUser(request);
  const data = await myPersonalData(context.db, user);
  const body = JSON.stringify({ exportedAt: context.clock.now().toISOString(), ...data }, null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="yishi-my-data-${chinaDateString(context.clock.now())}.json"`,
      "Cache-Control": "no-store, private",
    },
  });
});
