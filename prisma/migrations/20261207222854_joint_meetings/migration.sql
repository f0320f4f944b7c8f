/*
  Warnings:

  - A unique constraint covering the columns `[carriedFromId]` on the table `AgendaItem` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "AgendaItem" ADD COLUMN "carriedFromId" TEXT;

-- CreateTable
CREATE TABLE "JointMeetingSeries" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "JointMeetingSeries_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JointMeetingSeat" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "seriesId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "delegateId" TEXT NOT NULL,
    "substituteId" TEXT,
    CONSTRAINT "JointMeetingSeat_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "JointMeetingSeries" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "JointMeetingSeat_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Meeting" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "form" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME,
    "place" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'planned',
    "quorumRule" TEXT NOT NULL DEFAULT 'more_than_half',
    "speakerSeconds" INTEGER NOT NULL DEFAULT 180,
    "currentAgendaItemId" TEXT,
    "startedAt" DATETIME,
    "endedAt" DATETIME,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "seriesId" TEXT,
    CONSTRAINT "Meeting_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Meeting_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "JointMeetingSeries" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Meeting" ("code", "communityId", "createdAt", "createdById", "currentAgendaItemId", "endedAt", "endsAt", "form", "hostId", "id", "place", "quorumRule", "speakerSeconds", "startedAt", "startsAt", "status", "title") SELECT "code", "communityId", "createdAt", "createdById", "currentAgendaItemId", "endedAt", "endsAt", "form", "hostId", "id", "place", "quorumRule", "speakerSeconds", "startedAt", "startsAt", "status", "title" FROM "Meeting";
DROP TABLE "Meeting";
ALTER TABLE "new_Meeting" RENAME TO "Meeting";
CREATE UNIQUE INDEX "Meeting_code_key" ON "Meeting"("code");
CREATE INDEX "Meeting_communityId_startsAt_idx" ON "Meeting"("communityId", "startsAt");
CREATE UNIQUE INDEX "Meeting_seriesId_startsAt_key" ON "Meeting"("seriesId", "startsAt");
CREATE TABLE "new_Participant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "userId" TEXT,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "canVote" BOOLEAN NOT NULL DEFAULT false,
    "checkedInAt" DATETIME,
    "checkedInById" TEXT,
    "proxyForId" TEXT,
    "unitId" TEXT,
    "substituteForId" TEXT,
    CONSTRAINT "Participant_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Participant_proxyForId_fkey" FOREIGN KEY ("proxyForId") REFERENCES "Participant" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Participant_substituteForId_fkey" FOREIGN KEY ("substituteForId") REFERENCES "Participant" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Participant" ("canVote", "checkedInAt", "checkedInById", "id", "meetingId", "name", "proxyForId", "role", "userId") SELECT "canVote", "checkedInAt", "checkedInById", "id", "meetingId", "name", "proxyForId", "role", "userId" FROM "Participant";
DROP TABLE "Participant";
ALTER TABLE "new_Participant" RENAME TO "Participant";
CREATE UNIQUE INDEX "Participant_proxyForId_key" ON "Participant"("proxyForId");
CREATE UNIQUE INDEX "Participant_substituteForId_key" ON "Participant"("substituteForId");
CREATE INDEX "Participant_meetingId_checkedInAt_idx" ON "Participant"("meetingId", "checkedInAt");
CREATE UNIQUE INDEX "Participant_meetingId_userId_key" ON "Participant"("meetingId", "userId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "JointMeetingSeries_communityId_idx" ON "JointMeetingSeries"("communityId");

-- CreateIndex
CREATE INDEX "JointMeetingSeat_unitId_idx" ON "JointMeetingSeat"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "JointMeetingSeat_seriesId_unitId_key" ON "JointMeetingSeat"("seriesId", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "AgendaItem_carriedFromId_key" ON "AgendaItem"("carriedFromId");
