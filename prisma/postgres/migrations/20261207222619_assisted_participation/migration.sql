-- AlterTable
ALTER TABLE "AcceptanceResponse" ADD COLUMN     "actedById" TEXT,
ADD COLUMN     "consentMethod" TEXT;

-- AlterTable
ALTER TABLE "Issue" ADD COLUMN     "actedById" TEXT,
ADD COLUMN     "consentMethod" TEXT;

-- AlterTable
ALTER TABLE "Objection" ADD COLUMN     "actedById" TEXT,
ADD COLUMN     "consentMethod" TEXT;
