-- AlterTable
ALTER TABLE "Ballot" ADD COLUMN     "weight" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "speakerSeconds" INTEGER NOT NULL DEFAULT 180;

-- AlterTable
ALTER TABLE "Poll" ADD COLUMN     "votesCast" INTEGER NOT NULL DEFAULT 0;
