-- CreateTable
CREATE TABLE "ProjectMilestonePhoto" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "milestoneId" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "uploaderId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProjectMilestonePhoto_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "ProjectMilestone" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ProjectMilestonePhoto_storageKey_key" ON "ProjectMilestonePhoto"("storageKey");

-- CreateIndex
CREATE INDEX "ProjectMilestonePhoto_milestoneId_idx" ON "ProjectMilestonePhoto"("milestoneId");
