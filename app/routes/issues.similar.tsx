import type { LoaderFunctionArgs } from "@remix-run/node";
import { findSimilarIssues } from "../domain/issues/raise.server";
import { SimilarIssuesQuery } from "../schemas/issues";
import { getDb } from "../infra/db.server";
import { requireMemberCommunity } from "../web/community.server";

/** While someone types a new issue: open issues in the same grid that look like it (JSON for the form). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { community } = await requireMemberCommunity(request, context.db);
  const url = new URL(request.url);
  const query = SimilarIssuesQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) return { similar: [] };
  const similar = await findSimilarIssues(getDb(), community.id, {
    title: query.data.title,
    gridId: query.data.gridId || undefined,
    categoryId: query.data.categoryId || undefined,
  });
  return { slug: community.slug, similar: similar.map((s) => ({ ...s, createdAt: s.createdAt.toISOString() })) };
}
