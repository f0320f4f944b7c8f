-- AlterTable
ALTER TABLE "Unit" ADD COLUMN "archivedAt" DATETIME;
