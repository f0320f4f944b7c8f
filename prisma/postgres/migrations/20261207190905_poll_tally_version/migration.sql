-- AlterTable
ALTER TABLE "Poll" ADD COLUMN     "tallyVersion" INTEGER NOT NULL DEFAULT 0;
