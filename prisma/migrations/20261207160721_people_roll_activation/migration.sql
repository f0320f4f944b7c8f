-- CreateTable
CREATE TABLE "ResidentRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "verifiedAt" DATETIME,
    "declineReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RollImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "rows" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'preview',
    "appliedCount" INTEGER NOT NULL DEFAULT 0,
    "createdCount" INTEGER NOT NULL DEFAULT 0,
    "updatedCount" INTEGER NOT NULL DEFAULT 0,
    "appliedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ActivationCode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "phone" TEXT,
    "passwordHash" TEXT NOT NULL,
    "locale" TEXT,
    "streetAdminOfId" TEXT,
    "expertise" TEXT,
    "disabledAt" DATETIME,
    "needsActivation" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "User_streetAdminOfId_fkey" FOREIGN KEY ("streetAdminOfId") REFERENCES "Street" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_User" ("createdAt", "disabledAt", "displayName", "expertise", "id", "locale", "passwordHash", "phone", "streetAdminOfId", "username") SELECT "createdAt", "disabledAt", "displayName", "expertise", "id", "locale", "passwordHash", "phone", "streetAdminOfId", "username" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");
CREATE INDEX "User_streetAdminOfId_idx" ON "User"("streetAdminOfId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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
