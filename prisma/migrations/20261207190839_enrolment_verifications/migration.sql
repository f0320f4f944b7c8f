-- CreateTable
CREATE TABLE "ResidentVerification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "recordId" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "note" TEXT,
    "reason" TEXT,
    "checkedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "ResidentVerification_recordId_createdAt_idx" ON "ResidentVerification"("recordId", "createdAt");

-- CreateIndex
CREATE INDEX "ResidentVerification_userId_idx" ON "ResidentVerification"("userId");
