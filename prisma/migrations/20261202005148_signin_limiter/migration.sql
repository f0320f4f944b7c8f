/*
  Warnings:

  - You are about to drop the `SignInAttempt` table. If the table is not empty, all the data it contains will be lost.

*/
-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "SignInAttempt";
PRAGMA foreign_keys=on;

-- CreateTable
CREATE TABLE "SignInLimit" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "points" INTEGER NOT NULL,
    "expire" DATETIME
);

-- CreateIndex
CREATE INDEX "SignInLimit_expire_idx" ON "SignInLimit"("expire");
