-- Ripieno: the staffing jobs open an orchestra's database only when something there is due.
--   jobsDueAt: the earliest time the orchestra has staffing work (a queued message, a reminder, a
--     timeout); NULL when nothing is known to be due (the periodic full sweep still visits it).
--     Lowered, never raised, by whatever creates work; set by the jobs after each run.
--   jobsLastRunAt, jobsLastResult: the jobs' last run of this orchestra, for platform health.
--   jobsFailures: runs in a row that failed; the next try backs off with it.
ALTER TABLE "Orchestra" ADD COLUMN "jobsDueAt" TIMESTAMP(3);
ALTER TABLE "Orchestra" ADD COLUMN "jobsLastRunAt" TIMESTAMP(3);
ALTER TABLE "Orchestra" ADD COLUMN "jobsLastResult" TEXT;
ALTER TABLE "Orchestra" ADD COLUMN "jobsFailures" INTEGER NOT NULL DEFAULT 0;
CREATE INDEX "Orchestra_jobsDueAt_idx" ON "Orchestra" ("jobsDueAt");
