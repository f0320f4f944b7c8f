-- AlterTable
ALTER TABLE "Issue" ADD COLUMN     "acknowledgeDueAt" TIMESTAMP(3),
ADD COLUMN     "firstActionAt" TIMESTAMP(3),
ADD COLUMN     "firstActionDueAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Issue_status_acknowledgeDueAt_idx" ON "Issue"("status", "acknowledgeDueAt");

-- CreateIndex
CREATE INDEX "Issue_firstActionAt_firstActionDueAt_idx" ON "Issue"("firstActionAt", "firstActionDueAt");
