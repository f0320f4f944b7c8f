-- CreateIndex
CREATE INDEX "Issue_communityId_updatedAt_idx" ON "Issue"("communityId", "updatedAt");
