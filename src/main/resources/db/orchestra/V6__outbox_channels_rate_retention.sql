-- Ripieno: delivery of the outbox (docs/messaging.md).
--
-- channel: a message goes by 'email' (to the musician's address) or by 'sms' (to their phone
-- number in E.164); both kinds are the staffing mails' kinds and go through the same delivery.
ALTER TABLE "OutboxMessage" ADD COLUMN "channel" TEXT NOT NULL DEFAULT 'email';
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_channel_check"
    CHECK ("channel" IN ('email', 'sms'));

-- body: the text as it was delivered (rendered at delivery), kept for ripieno.mail.retention and
-- then emptied by the jobs; the row and its status stay, bodyPurgedAt says when it went.
ALTER TABLE "OutboxMessage" ADD COLUMN "body" TEXT;
ALTER TABLE "OutboxMessage" ADD COLUMN "bodyPurgedAt" TIMESTAMP(3);
CREATE INDEX "OutboxMessage_kept_body_idx" ON "OutboxMessage"("sentAt") WHERE "body" IS NOT NULL;

-- The orchestra's rate (ripieno.mail.rate) across every instance: one row per channel holding the
-- next free send slot. Each message takes a slot with one INSERT ... ON CONFLICT DO UPDATE ...
-- RETURNING, which the row lock makes atomic, so however many instances deliver, the slots they
-- take are 1/rate apart. Rows appear with the first delivery (a new database stays empty, as an
-- archive import wants it).
CREATE TABLE "MessageRate" (
    "channel" TEXT NOT NULL,
    "nextSlotAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MessageRate_pkey" PRIMARY KEY ("channel")
);
