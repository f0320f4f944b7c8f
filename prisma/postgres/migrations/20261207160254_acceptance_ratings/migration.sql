-- AlterTable
ALTER TABLE "AcceptanceResponse" ADD COLUMN     "rating" INTEGER;

-- AlterTable
ALTER TABLE "Issue" ADD COLUMN     "satisfactionAverage" DOUBLE PRECISION;
