import { similarIssues } from "../domain/issues/raise-page.server";
import { SimilarIssuesQuery } from "../schemas/issues";
import { requireMemberCommunity } from "../web/community.server";
import { defineLoader } from "../web/route.server";
import { getCurrentUser } from "../web/session.server";

/**
 * While someone types a new issue: open issues in the same grid that look like it (JSON for the form).
 * A hint fetched in the background must never move the page: after a sign-out (the request may still be in
 * flight) it finds nothing instead of redirecting the tab to the sign-in page.
 */
export const loader = defineLoader(async ({ request, context }) => {
  if (!(await getCurrentUser(request))) return { similar: [] };
  const { community } = await requireMemberCommunity(request, context.db);
  // A hint that does not parse finds nothing rather than failing the form being typed.
  const query = SimilarIssuesQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return { similar: [] };
  return { similar: await similarIssues(context.db, community.id, query.data) };
});
