-- CreateTable
CREATE TABLE "Open311Key" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "Open311Key_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Open311Key_keyHash_key" ON "Open311Key"("keyHash");

-- CreateIndex
CREATE INDEX "Open311Key_communityId_createdAt_idx" ON "Open311Key"("communityId", "createdAt");

-- AddForeignKey
ALTER TABLE "Open311Key" ADD CONSTRAINT "Open311Key_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Open311Key" ADD CONSTRAINT "Open311Key_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
