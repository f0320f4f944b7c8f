-- CreateTable
CREATE TABLE "CommunityNeed" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "description" TEXT,
    "areaId" TEXT,
    "issueId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CommunityNeed_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CommunityNeed_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UnitMatch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "needId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "note" TEXT,
    "reason" TEXT,
    "createdById" TEXT NOT NULL,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "UnitMatch_needId_fkey" FOREIGN KEY ("needId") REFERENCES "CommunityNeed" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "UnitMatch_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JointProject" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "needId" TEXT,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "description" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "completedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "JointProject_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "JointProject_needId_fkey" FOREIGN KEY ("needId") REFERENCES "CommunityNeed" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JointProjectUnit" (
    "projectId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,

    PRIMARY KEY ("projectId", "unitId"),
    CONSTRAINT "JointProjectUnit_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "JointProject" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "JointProjectUnit_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProjectMilestone" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "dueAt" DATETIME,
    "doneAt" DATETIME,
    "evidence" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProjectMilestone_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "JointProject" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_UnitListItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "unitId" TEXT NOT NULL,
    "list" TEXT NOT NULL,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "description" TEXT,
    "category" TEXT NOT NULL DEFAULT 'service',
    "quantity" TEXT,
    "availability" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "UnitListItem_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_UnitListItem" ("createdAt", "description", "id", "list", "titleEn", "titleZh", "unitId") SELECT "createdAt", "description", "id", "list", "titleEn", "titleZh", "unitId" FROM "UnitListItem";
DROP TABLE "UnitListItem";
ALTER TABLE "new_UnitListItem" RENAME TO "UnitListItem";
CREATE INDEX "UnitListItem_unitId_list_idx" ON "UnitListItem"("unitId", "list");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "CommunityNeed_communityId_status_idx" ON "CommunityNeed"("communityId", "status");

-- CreateIndex
CREATE INDEX "UnitMatch_unitId_status_idx" ON "UnitMatch"("unitId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "UnitMatch_needId_unitId_key" ON "UnitMatch"("needId", "unitId");

-- CreateIndex
CREATE INDEX "JointProject_communityId_status_idx" ON "JointProject"("communityId", "status");

-- CreateIndex
CREATE INDEX "JointProjectUnit_unitId_idx" ON "JointProjectUnit"("unitId");

-- CreateIndex
CREATE INDEX "ProjectMilestone_projectId_idx" ON "ProjectMilestone"("projectId");
