-- RedefineTables (it also carries actedById and consentMethod, added by 20261207222619_assisted_participation
-- on a parallel branch, so the copy keeps them)
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Issue" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" INTEGER NOT NULL,
    "communityId" TEXT NOT NULL,
    "gridId" TEXT,
    "categoryId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "address" TEXT,
    "urgency" TEXT NOT NULL DEFAULT 'normal',
    "status" TEXT NOT NULL DEFAULT 'submitted',
    "version" INTEGER NOT NULL DEFAULT 0,
    "reporterId" TEXT NOT NULL,
    "actedById" TEXT,
    "consentMethod" TEXT,
    "mergedIntoId" TEXT,
    "rejectReason" TEXT,
    "escalatedToId" TEXT,
    "escalationDueAt" DATETIME,
    "acknowledgedAt" DATETIME,
    "acceptanceDueAt" DATETIME,
    "resolvedAt" DATETIME,
    "resolutionDays" REAL,
    "closedAt" DATETIME,
    "satisfactionAverage" REAL,
    "levelUnit" TEXT,
    "levelTriage" INTEGER,
    "levelAcknowledge" INTEGER,
    "levelFirstAction" INTEGER,
    "levelResolution" INTEGER,
    "triageDueAt" DATETIME,
    "resolutionDueAt" DATETIME,
    "triagedAt" DATETIME,
    "acknowledgeDueAt" DATETIME,
    "firstActionDueAt" DATETIME,
    "firstActionAt" DATETIME,
    "raisedMonth" TEXT,
    "responseHours" REAL,
    "reopenCount" INTEGER NOT NULL DEFAULT 0,
    "meTooCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Issue_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Issue_gridId_fkey" FOREIGN KEY ("gridId") REFERENCES "Grid" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Issue_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "IssueCategory" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Issue_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Issue_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Issue" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Issue_escalatedToId_fkey" FOREIGN KEY ("escalatedToId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Issue" ("actedById", "consentMethod", "acceptanceDueAt", "acknowledgeDueAt", "acknowledgedAt", "address", "categoryId", "closedAt", "communityId", "createdAt", "description", "escalatedToId", "escalationDueAt", "firstActionAt", "firstActionDueAt", "gridId", "id", "levelAcknowledge", "levelFirstAction", "levelResolution", "levelTriage", "levelUnit", "meTooCount", "mergedIntoId", "number", "rejectReason", "reporterId", "resolutionDays", "resolutionDueAt", "resolvedAt", "satisfactionAverage", "status", "title", "triageDueAt", "triagedAt", "updatedAt", "urgency", "version") SELECT "actedById", "consentMethod", "acceptanceDueAt", "acknowledgeDueAt", "acknowledgedAt", "address", "categoryId", "closedAt", "communityId", "createdAt", "description", "escalatedToId", "escalationDueAt", "firstActionAt", "firstActionDueAt", "gridId", "id", "levelAcknowledge", "levelFirstAction", "levelResolution", "levelTriage", "levelUnit", "meTooCount", "mergedIntoId", "number", "rejectReason", "reporterId", "resolutionDays", "resolutionDueAt", "resolvedAt", "satisfactionAverage", "status", "title", "triageDueAt", "triagedAt", "updatedAt", "urgency", "version" FROM "Issue";
DROP TABLE "Issue";
ALTER TABLE "new_Issue" RENAME TO "Issue";
CREATE INDEX "Issue_communityId_status_categoryId_createdAt_idx" ON "Issue"("communityId", "status", "categoryId", "createdAt");
CREATE INDEX "Issue_communityId_categoryId_number_status_idx" ON "Issue"("communityId", "categoryId", "number", "status");
CREATE INDEX "Issue_communityId_gridId_number_status_idx" ON "Issue"("communityId", "gridId", "number", "status");
CREATE INDEX "Issue_communityId_number_status_idx" ON "Issue"("communityId", "number", "status");
CREATE INDEX "Issue_communityId_createdAt_idx" ON "Issue"("communityId", "createdAt");
CREATE INDEX "Issue_communityId_resolvedAt_idx" ON "Issue"("communityId", "resolvedAt");
CREATE INDEX "Issue_communityId_resolutionDays_idx" ON "Issue"("communityId", "resolutionDays");
CREATE INDEX "Issue_status_acceptanceDueAt_idx" ON "Issue"("status", "acceptanceDueAt");
CREATE INDEX "Issue_status_escalationDueAt_idx" ON "Issue"("status", "escalationDueAt");
CREATE INDEX "Issue_gridId_status_idx" ON "Issue"("gridId", "status");
CREATE INDEX "Issue_escalatedToId_status_idx" ON "Issue"("escalatedToId", "status");
CREATE INDEX "Issue_status_acknowledgeDueAt_idx" ON "Issue"("status", "acknowledgeDueAt");
CREATE INDEX "Issue_firstActionAt_firstActionDueAt_idx" ON "Issue"("firstActionAt", "firstActionDueAt");
CREATE INDEX "Issue_communityId_raisedMonth_idx" ON "Issue"("communityId", "raisedMonth");
CREATE INDEX "Issue_communityId_responseHours_idx" ON "Issue"("communityId", "responseHours");
CREATE UNIQUE INDEX "Issue_communityId_number_key" ON "Issue"("communityId", "number");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Backfill the figures' columns of issues raised before them (issue #14).
UPDATE "Issue" SET "raisedMonth" = strftime('%Y-%m', "createdAt", '+8 hours');
UPDATE "Issue" SET "responseHours" = (julianday("triagedAt") - julianday("createdAt")) * 24 WHERE "triagedAt" IS NOT NULL;
UPDATE "Issue" SET "reopenCount" = (SELECT COUNT(*) FROM "IssueEvent" e WHERE e."issueId" = "Issue"."id" AND e."type" = 'reopen');
