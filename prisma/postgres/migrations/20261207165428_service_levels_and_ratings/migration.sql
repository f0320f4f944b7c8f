-- AlterTable
ALTER TABLE "AcceptanceResponse" ADD COLUMN     "rating" INTEGER;

-- AlterTable
ALTER TABLE "Issue" ADD COLUMN     "levelAcknowledge" INTEGER,
ADD COLUMN     "levelFirstAction" INTEGER,
ADD COLUMN     "levelResolution" INTEGER,
ADD COLUMN     "levelTriage" INTEGER,
ADD COLUMN     "levelUnit" TEXT,
ADD COLUMN     "resolutionDueAt" TIMESTAMP(3),
ADD COLUMN     "satisfactionAverage" DOUBLE PRECISION,
ADD COLUMN     "triageDueAt" TIMESTAMP(3),
ADD COLUMN     "triagedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ServiceLevel" (
    "id" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "unit" TEXT NOT NULL DEFAULT 'working_days',
    "triage" INTEGER NOT NULL,
    "acknowledge" INTEGER NOT NULL,
    "firstAction" INTEGER NOT NULL,
    "resolution" INTEGER NOT NULL,
    "updatedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ServiceLevel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LocalClosure" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LocalClosure_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ServiceLevel_categoryId_key" ON "ServiceLevel"("categoryId");

-- CreateIndex
CREATE UNIQUE INDEX "LocalClosure_communityId_date_key" ON "LocalClosure"("communityId", "date");

-- AddForeignKey
ALTER TABLE "ServiceLevel" ADD CONSTRAINT "ServiceLevel_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "IssueCategory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LocalClosure" ADD CONSTRAINT "LocalClosure_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE CASCADE ON UPDATE CASCADE;
