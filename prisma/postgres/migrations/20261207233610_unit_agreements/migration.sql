-- CreateTable
CREATE TABLE "UnitAgreement" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "startsOn" TIMESTAMP(3) NOT NULL,
    "endsOn" TIMESTAMP(3) NOT NULL,
    "communitySignatory" TEXT NOT NULL,
    "communityRole" TEXT NOT NULL,
    "unitSignatory" TEXT NOT NULL,
    "unitRole" TEXT NOT NULL,
    "remindedAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UnitAgreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgreementCommitment" (
    "id" TEXT NOT NULL,
    "agreementId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "jointProjectId" TEXT,

    CONSTRAINT "AgreementCommitment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UnitAgreement_unitId_idx" ON "UnitAgreement"("unitId");

-- CreateIndex
CREATE INDEX "UnitAgreement_communityId_endsOn_idx" ON "UnitAgreement"("communityId", "endsOn");

-- CreateIndex
CREATE INDEX "AgreementCommitment_agreementId_position_idx" ON "AgreementCommitment"("agreementId", "position");

-- CreateIndex
CREATE INDEX "AgreementCommitment_jointProjectId_idx" ON "AgreementCommitment"("jointProjectId");

-- AddForeignKey
ALTER TABLE "AgreementCommitment" ADD CONSTRAINT "AgreementCommitment_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "UnitAgreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;
