-- CreateTable
CREATE TABLE "ResidentVerification" (
    "id" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "note" TEXT,
    "reason" TEXT,
    "checkedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ResidentVerification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ResidentVerification_recordId_createdAt_idx" ON "ResidentVerification"("recordId", "createdAt");

-- CreateIndex
CREATE INDEX "ResidentVerification_userId_idx" ON "ResidentVerification"("userId");
