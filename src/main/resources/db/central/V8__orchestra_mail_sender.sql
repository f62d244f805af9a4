-- Ripieno: each orchestra's own sender (docs/messaging.md, "Which server sends").
--   smtpSecurity: how its own SMTP server is reached: 'none', 'starttls' or 'tls' (implicit TLS);
--     null means 'tls' on port 465 and 'starttls' otherwise.
ALTER TABLE "Orchestra" ADD COLUMN "smtpSecurity" TEXT;
ALTER TABLE "Orchestra" ADD CONSTRAINT "Orchestra_smtpSecurity_check"
    CHECK ("smtpSecurity" IS NULL OR "smtpSecurity" IN ('none', 'starttls', 'tls'));

-- The legacy default sender 'no-reply@stagesub.com' is nobody's address: no orchestra chose it,
-- and no mail server Ripieno uses may send for stagesub.com. The default goes, and a row still
-- holding exactly that value never chose a sender: it becomes unset, so the orchestra writes from
-- the platform's address until it sets its own.
ALTER TABLE "Orchestra" ALTER COLUMN "emailFromAddress" DROP DEFAULT;
UPDATE "Orchestra" SET "emailFromAddress" = NULL WHERE "emailFromAddress" = 'no-reply@stagesub.com';
