-- Text search over issues (issue #14): trigram GIN indexes (pg_trgm) serve ILIKE on title and description.
-- The indexes are declared in prisma/schema.prisma as "postgresql:" comment lines, the extension is added by hand.
-- PostgreSQL keeps GIN indexes current on insert, update and delete by itself. See docs/decisions/0023.

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "Issue_title_trgm_idx" ON "Issue" USING GIN ("title" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Issue_description_trgm_idx" ON "Issue" USING GIN ("description" gin_trgm_ops);
