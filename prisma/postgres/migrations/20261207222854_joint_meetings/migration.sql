/*
  Warnings:

  - A unique constraint covering the columns `[carriedFromId]` on the table `AgendaItem` will be added. If there are existing duplicate values, this will fail.
  - A unique constraint covering the columns `[seriesId,startsAt]` on the table `Meeting` will be added. If there are existing duplicate values, this will fail.
  - A unique constraint covering the columns `[substituteForId]` on the table `Participant` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "AgendaItem" ADD COLUMN     "carriedFromId" TEXT;

-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "seriesId" TEXT;

-- AlterTable
ALTER TABLE "Participant" ADD COLUMN     "substituteForId" TEXT,
ADD COLUMN     "unitId" TEXT;

-- CreateTable
CREATE TABLE "JointMeetingSeries" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "theme" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "frequency" TEXT NOT NULL,
    "monthInPeriod" INTEGER NOT NULL DEFAULT 1,
    "dayRule" TEXT NOT NULL,
    "ordinal" INTEGER,
    "weekday" INTEGER,
    "dayOfMonth" INTEGER,
    "time" TEXT NOT NULL,
    "ahead" INTEGER NOT NULL DEFAULT 2,
    "hostId" TEXT NOT NULL,
    "quorumRule" TEXT NOT NULL DEFAULT 'more_than_half',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JointMeetingSeries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JointMeetingSeat" (
    "id" TEXT NOT NULL,
    "seriesId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "delegateId" TEXT NOT NULL,
    "substituteId" TEXT,

    CONSTRAINT "JointMeetingSeat_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "JointMeetingSeries_communityId_idx" ON "JointMeetingSeries"("communityId");

-- CreateIndex
CREATE INDEX "JointMeetingSeat_unitId_idx" ON "JointMeetingSeat"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "JointMeetingSeat_seriesId_unitId_key" ON "JointMeetingSeat"("seriesId", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "AgendaItem_carriedFromId_key" ON "AgendaItem"("carriedFromId");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_seriesId_startsAt_key" ON "Meeting"("seriesId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Participant_substituteForId_key" ON "Participant"("substituteForId");

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "JointMeetingSeries"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participant" ADD CONSTRAINT "Participant_substituteForId_fkey" FOREIGN KEY ("substituteForId") REFERENCES "Participant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JointMeetingSeries" ADD CONSTRAINT "JointMeetingSeries_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JointMeetingSeat" ADD CONSTRAINT "JointMeetingSeat_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "JointMeetingSeries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JointMeetingSeat" ADD CONSTRAINT "JointMeetingSeat_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
