-- AlterTable
ALTER TABLE "AcceptanceResponse" ADD COLUMN "actedById" TEXT;
ALTER TABLE "AcceptanceResponse" ADD COLUMN "consentMethod" TEXT;

-- AlterTable
ALTER TABLE "Issue" ADD COLUMN "actedById" TEXT;
ALTER TABLE "Issue" ADD COLUMN "consentMethod" TEXT;

-- AlterTable
ALTER TABLE "Objection" ADD COLUMN "actedById" TEXT;
ALTER TABLE "Objection" ADD COLUMN "consentMethod" TEXT;
