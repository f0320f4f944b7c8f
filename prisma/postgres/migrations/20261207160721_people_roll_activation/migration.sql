-- AlterTable
ALTER TABLE "User" ADD COLUMN     "needsActivation" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ResidentRecord" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "gridId" TEXT,
    "building" TEXT NOT NULL DEFAULT '',
    "entrance" TEXT NOT NULL DEFAULT '',
    "room" TEXT NOT NULL DEFAULT '',
    "householdKey" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'import',
    "rollImportId" TEXT,
    "verification" TEXT NOT NULL DEFAULT 'verified',
    "verifiedById" TEXT,
    "verifiedAt" TIMESTAMP(3),
    "declineReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ResidentRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RollImport" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "rows" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'preview',
    "appliedCount" INTEGER NOT NULL DEFAULT 0,
    "createdCount" INTEGER NOT NULL DEFAULT 0,
    "updatedCount" INTEGER NOT NULL DEFAULT 0,
    "appliedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RollImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActivationCode" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActivationCode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ResidentRecord_communityId_householdKey_idx" ON "ResidentRecord"("communityId", "householdKey");

-- CreateIndex
CREATE INDEX "ResidentRecord_communityId_gridId_verification_idx" ON "ResidentRecord"("communityId", "gridId", "verification");

-- CreateIndex
CREATE INDEX "ResidentRecord_rollImportId_idx" ON "ResidentRecord"("rollImportId");

-- CreateIndex
CREATE UNIQUE INDEX "ResidentRecord_communityId_userId_key" ON "ResidentRecord"("communityId", "userId");

-- CreateIndex
CREATE INDEX "RollImport_communityId_createdAt_idx" ON "RollImport"("communityId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ActivationCode_codeHash_key" ON "ActivationCode"("codeHash");

-- CreateIndex
CREATE INDEX "ActivationCode_userId_idx" ON "ActivationCode"("userId");
