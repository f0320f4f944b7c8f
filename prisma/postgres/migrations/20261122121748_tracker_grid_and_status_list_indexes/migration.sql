-- CreateIndex
CREATE INDEX "Issue_communityId_gridId_number_status_idx" ON "Issue"("communityId", "gridId", "number", "status");

-- CreateIndex
CREATE INDEX "Issue_communityId_number_status_idx" ON "Issue"("communityId", "number", "status");
