-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Ballot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "pollId" TEXT NOT NULL,
    "voterId" TEXT,
    "choices" TEXT NOT NULL,
    "weight" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Ballot_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "Poll" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Ballot" ("choices", "id", "pollId", "voterId") SELECT "choices", "id", "pollId", "voterId" FROM "Ballot";
DROP TABLE "Ballot";
ALTER TABLE "new_Ballot" RENAME TO "Ballot";
CREATE INDEX "Ballot_pollId_idx" ON "Ballot"("pollId");
CREATE UNIQUE INDEX "Ballot_pollId_voterId_key" ON "Ballot"("pollId", "voterId");
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
    CONSTRAINT "Meeting_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Meeting" ("code", "communityId", "createdAt", "createdById", "currentAgendaItemId", "endedAt", "endsAt", "form", "hostId", "id", "place", "quorumRule", "startedAt", "startsAt", "status", "title") SELECT "code", "communityId", "createdAt", "createdById", "currentAgendaItemId", "endedAt", "endsAt", "form", "hostId", "id", "place", "quorumRule", "startedAt", "startsAt", "status", "title" FROM "Meeting";
DROP TABLE "Meeting";
ALTER TABLE "new_Meeting" RENAME TO "Meeting";
CREATE UNIQUE INDEX "Meeting_code_key" ON "Meeting"("code");
CREATE INDEX "Meeting_communityId_startsAt_idx" ON "Meeting"("communityId", "startsAt");
CREATE TABLE "new_Poll" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "agendaItemId" TEXT,
    "question" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "maxChoices" INTEGER NOT NULL DEFAULT 1,
    "ballotMode" TEXT NOT NULL,
    "passRule" TEXT NOT NULL,
    "abstentionsCount" BOOLEAN NOT NULL DEFAULT false,
    "resultsHidden" BOOLEAN NOT NULL DEFAULT false,
    "allowChange" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "votesCast" INTEGER NOT NULL DEFAULT 0,
    "openedAt" DATETIME,
    "closedAt" DATETIME,
    "result" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Poll_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Poll_agendaItemId_fkey" FOREIGN KEY ("agendaItemId") REFERENCES "AgendaItem" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Poll" ("abstentionsCount", "agendaItemId", "allowChange", "ballotMode", "closedAt", "createdAt", "createdById", "id", "kind", "maxChoices", "meetingId", "openedAt", "passRule", "question", "result", "resultsHidden", "status") SELECT "abstentionsCount", "agendaItemId", "allowChange", "ballotMode", "closedAt", "createdAt", "createdById", "id", "kind", "maxChoices", "meetingId", "openedAt", "passRule", "question", "result", "resultsHidden", "status" FROM "Poll";
DROP TABLE "Poll";
ALTER TABLE "new_Poll" RENAME TO "Poll";
CREATE INDEX "Poll_meetingId_status_idx" ON "Poll"("meetingId", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
