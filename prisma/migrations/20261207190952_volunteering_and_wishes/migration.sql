-- CreateTable
CREATE TABLE "VolunteerRegistration" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "unitId" TEXT,
    "kind" TEXT NOT NULL,
    "building" TEXT NOT NULL DEFAULT '',
    "skills" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "declineReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "VolunteerPost" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "description" TEXT,
    "place" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "slots" INTEGER NOT NULL,
    "taken" INTEGER NOT NULL DEFAULT 0,
    "checkInCode" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "VolunteerDuty" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "postId" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "unitId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'claimed',
    "signedInAt" DATETIME,
    "signedInById" TEXT,
    "signedOutAt" DATETIME,
    "minutes" INTEGER,
    "confirmedById" TEXT,
    "confirmedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Wish" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "wisherId" TEXT,
    "postedById" TEXT NOT NULL,
    "publicName" TEXT NOT NULL,
    "building" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "valueCap" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'submitted',
    "reviewedById" TEXT,
    "reviewedAt" DATETIME,
    "declineReason" TEXT,
    "claimedById" TEXT,
    "claimedUnitId" TEXT,
    "claimedAt" DATETIME,
    "fulfilledAt" DATETIME,
    "fulfilmentNote" TEXT,
    "confirmedById" TEXT,
    "confirmedAt" DATETIME,
    "thanks" TEXT,
    "staleSince" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "WishPhoto" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "wishId" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "uploaderId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "VolunteerRegistration_communityId_status_idx" ON "VolunteerRegistration"("communityId", "status");

-- CreateIndex
CREATE INDEX "VolunteerRegistration_unitId_idx" ON "VolunteerRegistration"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "VolunteerRegistration_communityId_userId_key" ON "VolunteerRegistration"("communityId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "VolunteerPost_checkInCode_key" ON "VolunteerPost"("checkInCode");

-- CreateIndex
CREATE INDEX "VolunteerPost_communityId_startsAt_idx" ON "VolunteerPost"("communityId", "startsAt");

-- CreateIndex
CREATE INDEX "VolunteerDuty_communityId_status_idx" ON "VolunteerDuty"("communityId", "status");

-- CreateIndex
CREATE INDEX "VolunteerDuty_userId_confirmedAt_idx" ON "VolunteerDuty"("userId", "confirmedAt");

-- CreateIndex
CREATE INDEX "VolunteerDuty_unitId_confirmedAt_idx" ON "VolunteerDuty"("unitId", "confirmedAt");

-- CreateIndex
CREATE UNIQUE INDEX "VolunteerDuty_postId_userId_key" ON "VolunteerDuty"("postId", "userId");

-- CreateIndex
CREATE INDEX "Wish_communityId_status_idx" ON "Wish"("communityId", "status");

-- CreateIndex
CREATE INDEX "Wish_claimedUnitId_status_idx" ON "Wish"("claimedUnitId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "WishPhoto_storageKey_key" ON "WishPhoto"("storageKey");

-- CreateIndex
CREATE INDEX "WishPhoto_wishId_idx" ON "WishPhoto"("wishId");
