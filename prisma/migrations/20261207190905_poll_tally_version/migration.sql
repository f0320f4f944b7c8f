-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    "rollCallPublic" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "votesCast" INTEGER NOT NULL DEFAULT 0,
    "tallyVersion" INTEGER NOT NULL DEFAULT 0,
    "openedAt" DATETIME,
    "closedAt" DATETIME,
    "result" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Poll_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Poll_agendaItemId_fkey" FOREIGN KEY ("agendaItemId") REFERENCES "AgendaItem" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Poll" ("abstentionsCount", "agendaItemId", "allowChange", "ballotMode", "closedAt", "createdAt", "createdById", "id", "kind", "maxChoices", "meetingId", "openedAt", "passRule", "question", "result", "resultsHidden", "rollCallPublic", "status", "votesCast") SELECT "abstentionsCount", "agendaItemId", "allowChange", "ballotMode", "closedAt", "createdAt", "createdById", "id", "kind", "maxChoices", "meetingId", "openedAt", "passRule", "question", "result", "resultsHidden", "rollCallPublic", "status", "votesCast" FROM "Poll";
DROP TABLE "Poll";
ALTER TABLE "new_Poll" RENAME TO "Poll";
CREATE INDEX "Poll_meetingId_status_idx" ON "Poll"("meetingId", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
