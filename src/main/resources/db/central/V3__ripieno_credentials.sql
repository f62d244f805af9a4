-- Ripieno: what accounts and API keys need beyond the legacy columns (columns only, never new
-- tables).
--   mustChangePassword: set when Ripieno generated the password; cleared when its owner sets one.
--   tokenVersion: part of every token; raised by a password change or reset, so older tokens die.
--   externalSubject: the `sub` of an enterprise SSO account, so the same person maps to one row.
ALTER TABLE "User" ADD COLUMN "mustChangePassword" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "User" ADD COLUMN "tokenVersion" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "User" ADD COLUMN "externalSubject" TEXT;
CREATE UNIQUE INDEX "User_externalSubject_key" ON "User"("externalSubject");

-- An orchestra's API key is stored as a SHA-256 hash (shown once, when generated); its last four
-- characters are kept for display.
ALTER TABLE "Orchestra" ADD COLUMN "apiKeyLast4" TEXT;
