-- AlterTable
ALTER TABLE "Issue" ADD COLUMN     "raisedMonth" TEXT,
ADD COLUMN     "reopenCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "responseHours" DOUBLE PRECISION;

-- CreateIndex
CREATE INDEX "Issue_communityId_raisedMonth_idx" ON "Issue"("communityId", "raisedMonth");

-- CreateIndex
CREATE INDEX "Issue_communityId_responseHours_idx" ON "Issue"("communityId", "responseHours");

-- Backfill the figures' columns of issues raised before them (issue #14).
UPDATE "Issue" SET "raisedMonth" = to_char("createdAt" + interval '8 hours', 'YYYY-MM');
UPDATE "Issue" SET "responseHours" = EXTRACT(EPOCH FROM ("triagedAt" - "createdAt")) / 3600 WHERE "triagedAt" IS NOT NULL;
UPDATE "Issue" SET "reopenCount" = (SELECT COUNT(*) FROM "IssueEvent" e WHERE e."issueId" = "Issue"."id" AND e."type" = 'reopen');
