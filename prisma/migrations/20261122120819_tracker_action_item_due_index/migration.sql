-- CreateIndex
CREATE INDEX "ActionItem_status_dueAt_idx" ON "ActionItem"("status", "dueAt");
