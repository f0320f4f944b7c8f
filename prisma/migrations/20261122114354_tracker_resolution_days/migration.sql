-- AlterTable
ALTER TABLE "Issue" ADD COLUMN "resolutionDays" REAL;

-- CreateIndex
CREATE INDEX "Issue_communityId_categoryId_createdAt_idx" ON "Issue"("communityId", "categoryId", "createdAt");

-- CreateIndex
CREATE INDEX "Issue_communityId_resolvedAt_idx" ON "Issue"("communityId", "resolvedAt");

-- CreateIndex
CREATE INDEX "Issue_communityId_resolutionDays_idx" ON "Issue"("communityId", "resolutionDays");
