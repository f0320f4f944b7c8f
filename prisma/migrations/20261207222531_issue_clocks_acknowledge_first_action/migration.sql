-- AlterTable
ALTER TABLE "Issue" ADD COLUMN "acknowledgeDueAt" DATETIME;
ALTER TABLE "Issue" ADD COLUMN "firstActionAt" DATETIME;
ALTER TABLE "Issue" ADD COLUMN "firstActionDueAt" DATETIME;

-- CreateIndex
CREATE INDEX "Issue_status_acknowledgeDueAt_idx" ON "Issue"("status", "acknowledgeDueAt");

-- CreateIndex
CREATE INDEX "Issue_firstActionAt_firstActionDueAt_idx" ON "Issue"("firstActionAt", "firstActionDueAt");
