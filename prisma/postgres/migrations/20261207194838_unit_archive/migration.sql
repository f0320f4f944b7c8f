-- AlterTable
ALTER TABLE "Unit" ADD COLUMN     "archivedAt" TIMESTAMP(3);
