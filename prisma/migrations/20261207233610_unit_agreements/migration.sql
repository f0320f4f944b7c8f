-- CreateTable
CREATE TABLE "UnitAgreement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "startsOn" DATETIME NOT NULL,
    "endsOn" DATETIME NOT NULL,
    "communitySignatory" TEXT NOT NULL,
    "communityRole" TEXT NOT NULL,
    "unitSignatory" TEXT NOT NULL,
    "unitRole" TEXT NOT NULL,
    "remindedAt" DATETIME,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AgreementCommitment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agreementId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "jointProjectId" TEXT,
    CONSTRAINT "AgreementCommitment_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "UnitAgreement" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "UnitAgreement_unitId_idx" ON "UnitAgreement"("unitId");

-- CreateIndex
CREATE INDEX "UnitAgreement_communityId_endsOn_idx" ON "UnitAgreement"("communityId", "endsOn");

-- CreateIndex
CREATE INDEX "AgreementCommitment_agreementId_position_idx" ON "AgreementCommitment"("agreementId", "position");

-- CreateIndex
CREATE INDEX "AgreementCommitment_jointProjectId_idx" ON "AgreementCommitment"("jointProjectId");
