-- Ripieno: provisioning bookkeeping and an orchestra's own mail server (columns only).
--   provisioningFailedStep: the step a FAILED provisioning was taking, so an operator sees where
--     it stopped; a resume runs every step again, each one skipping what is already done.
--   smtp*: the orchestra's SMTP server for its emails; smtpPassword holds an encrypted value.
ALTER TABLE "Orchestra" ADD COLUMN "provisioningFailedStep" TEXT;
ALTER TABLE "Orchestra" ADD COLUMN "smtpHost" TEXT;
ALTER TABLE "Orchestra" ADD COLUMN "smtpPort" INTEGER;
ALTER TABLE "Orchestra" ADD COLUMN "smtpUser" TEXT;
ALTER TABLE "Orchestra" ADD COLUMN "smtpPassword" TEXT;
