-- The legacy custom-list migration run on a database the init script made (legacy-system.md §1.3
-- CustomRanking, legacy-operations.md §4.5): the two tables with createdAt/updatedAt where Prisma
-- has addedAt, the musician key with CASCADE, and ProjectNeed.customRankingListId whose key says
-- SET NULL where Prisma says CASCADE.

CREATE TABLE IF NOT EXISTS "CustomRankingList" (
  "id" SERIAL NOT NULL,
  "customListId" TEXT NOT NULL,
  "projectId" INTEGER NOT NULL,
  "positionId" INTEGER NOT NULL,
  "name" TEXT NOT NULL,
  "isTemplate" BOOLEAN NOT NULL DEFAULT false,
  "templateName" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,
  CONSTRAINT "CustomRankingList_pkey" PRIMARY KEY ("id")
);

CREATE TABLE IF NOT EXISTS "CustomRanking" (
  "id" SERIAL NOT NULL,
  "customListId" INTEGER NOT NULL,
  "musicianId" INTEGER NOT NULL,
  "rank" INTEGER NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,
  CONSTRAINT "CustomRanking_pkey" PRIMARY KEY ("id")
);

ALTER TABLE "CustomRankingList"
  ADD CONSTRAINT "CustomRankingList_customListId_key" UNIQUE ("customListId"),
  ADD CONSTRAINT "CustomRankingList_projectId_fkey" FOREIGN KEY ("projectId")
    REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  ADD CONSTRAINT "CustomRankingList_positionId_fkey" FOREIGN KEY ("positionId")
    REFERENCES "Position" ("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "CustomRanking"
  ADD CONSTRAINT "CustomRanking_customListId_musicianId_key" UNIQUE ("customListId", "musicianId"),
  ADD CONSTRAINT "CustomRanking_customListId_fkey" FOREIGN KEY ("customListId")
    REFERENCES "CustomRankingList" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  ADD CONSTRAINT "CustomRanking_musicianId_fkey" FOREIGN KEY ("musicianId")
    REFERENCES "Musician" ("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "ProjectNeed" ADD COLUMN IF NOT EXISTS "customRankingListId" INTEGER;
ALTER TABLE "ProjectNeed" ADD CONSTRAINT "ProjectNeed_customRankingListId_fkey"
  FOREIGN KEY ("customRankingListId") REFERENCES "CustomRankingList" ("id")
  ON DELETE SET NULL ON UPDATE CASCADE;

CREATE INDEX IF NOT EXISTS "CustomRankingList_projectId_idx" ON "CustomRankingList" ("projectId");
CREATE INDEX IF NOT EXISTS "CustomRankingList_positionId_idx" ON "CustomRankingList" ("positionId");
CREATE INDEX IF NOT EXISTS "CustomRanking_customListId_idx" ON "CustomRanking" ("customListId");
CREATE INDEX IF NOT EXISTS "CustomRanking_musicianId_idx" ON "CustomRanking" ("musicianId");
