-- AlterTable
ALTER TABLE "AcceptanceResponse" ADD COLUMN "rating" INTEGER;

-- AlterTable
ALTER TABLE "Issue" ADD COLUMN "levelAcknowledge" INTEGER;
ALTER TABLE "Issue" ADD COLUMN "levelFirstAction" INTEGER;
ALTER TABLE "Issue" ADD COLUMN "levelResolution" INTEGER;
ALTER TABLE "Issue" ADD COLUMN "levelTriage" INTEGER;
ALTER TABLE "Issue" ADD COLUMN "levelUnit" TEXT;
ALTER TABLE "Issue" ADD COLUMN "resolutionDueAt" DATETIME;
ALTER TABLE "Issue" ADD COLUMN "satisfactionAverage" REAL;
ALTER TABLE "Issue" ADD COLUMN "triageDueAt" DATETIME;
ALTER TABLE "Issue" ADD COLUMN "triagedAt" DATETIME;

-- CreateTable
CREATE TABLE "ServiceLevel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "categoryId" TEXT NOT NULL,
    "unit" TEXT NOT NULL DEFAULT 'working_days',
    "triage" INTEGER NOT NULL,
    "acknowledge" INTEGER NOT NULL,
    "firstAction" INTEGER NOT NULL,
    "resolution" INTEGER NOT NULL,
    "updatedById" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ServiceLevel_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "IssueCategory" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LocalClosure" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LocalClosure_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ServiceLevel_categoryId_key" ON "ServiceLevel"("categoryId");

-- CreateIndex
CREATE UNIQUE INDEX "LocalClosure_communityId_date_key" ON "LocalClosure"("communityId", "date");
