-- DropIndex
DROP INDEX "Issue_communityId_categoryId_createdAt_idx";

-- CreateIndex
CREATE INDEX "Issue_communityId_categoryId_number_status_idx" ON "Issue"("communityId", "categoryId", "number", "status");

-- CreateIndex
CREATE INDEX "Issue_status_acceptanceDueAt_idx" ON "Issue"("status", "acceptanceDueAt");

-- CreateIndex
CREATE INDEX "Issue_status_escalationDueAt_idx" ON "Issue"("status", "escalationDueAt");
