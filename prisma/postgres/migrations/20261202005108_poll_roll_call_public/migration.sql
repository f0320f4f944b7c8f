-- AlterTable
ALTER TABLE "Poll" ADD COLUMN     "rollCallPublic" BOOLEAN NOT NULL DEFAULT false;
