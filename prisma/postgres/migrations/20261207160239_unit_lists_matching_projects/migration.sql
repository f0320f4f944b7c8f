-- AlterTable
ALTER TABLE "UnitListItem" ADD COLUMN     "availability" TEXT,
ADD COLUMN     "category" TEXT NOT NULL DEFAULT 'service',
ADD COLUMN     "quantity" TEXT;

-- CreateTable
CREATE TABLE "CommunityNeed" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "description" TEXT,
    "areaId" TEXT,
    "issueId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommunityNeed_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitMatch" (
    "id" TEXT NOT NULL,
    "needId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "note" TEXT,
    "reason" TEXT,
    "createdById" TEXT NOT NULL,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UnitMatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JointProject" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "needId" TEXT,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "description" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JointProject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JointProjectUnit" (
    "projectId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,

    CONSTRAINT "JointProjectUnit_pkey" PRIMARY KEY ("projectId","unitId")
);

-- CreateTable
CREATE TABLE "ProjectMilestone" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3),
    "doneAt" TIMESTAMP(3),
    "evidence" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProjectMilestone_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "CommunityNeed" ADD CONSTRAINT "CommunityNeed_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommunityNeed" ADD CONSTRAINT "CommunityNeed_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitMatch" ADD CONSTRAINT "UnitMatch_needId_fkey" FOREIGN KEY ("needId") REFERENCES "CommunityNeed"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitMatch" ADD CONSTRAINT "UnitMatch_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JointProject" ADD CONSTRAINT "JointProject_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JointProject" ADD CONSTRAINT "JointProject_needId_fkey" FOREIGN KEY ("needId") REFERENCES "CommunityNeed"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JointProjectUnit" ADD CONSTRAINT "JointProjectUnit_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "JointProject"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JointProjectUnit" ADD CONSTRAINT "JointProjectUnit_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectMilestone" ADD CONSTRAINT "ProjectMilestone_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "JointProject"("id") ON DELETE CASCADE ON UPDATE CASCADE;
