-- Ripieno: a provisioning that failed for a transient cause (a lost connection, an exhausted pool,
-- a serialization failure) is resumed by the platform itself, a bounded number of times.
--   provisioningAttempts: runs of this provisioning that ended in a failure since it was requested
--     or last resumed by an operator; an operator sees how many tries it took.
--   provisioningRetryAt: when the platform resumes a failed provisioning by itself; NULL when it
--     does not (not failed, a permanent cause, or the tries are used up: then it is the operator's).
ALTER TABLE "Orchestra" ADD COLUMN "provisioningAttempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Orchestra" ADD COLUMN "provisioningRetryAt" TIMESTAMP(3);
