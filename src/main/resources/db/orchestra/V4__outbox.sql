-- Ripieno: the outbox (product.md decision 12). A staffing mail is written here in the same
-- transaction as the change that causes it (a request sent, an answer taken, a position filled)
-- and delivered afterwards, with retries; nothing is lost while the mail server or the application
-- is down. The body is rendered at delivery from the orchestra's templates in the recipient's
-- language; the row keeps what to render and the delivery state. "messageId" is the Message-ID
-- header, the same on every attempt, so a repeated delivery is recognisable as one message.
CREATE TABLE "OutboxMessage" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "requestId" INTEGER NOT NULL,
    "messageId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "OutboxMessage_kind_check"
        CHECK ("kind" IN ('request', 'reminder', 'confirmation', 'position_filled')),
    CONSTRAINT "OutboxMessage_status_check"
        CHECK ("status" IN ('queued', 'sending', 'sent', 'failed'))
);

CREATE UNIQUE INDEX "OutboxMessage_messageId_key" ON "OutboxMessage"("messageId");

-- Delivery takes the due queued messages in order (FOR UPDATE SKIP LOCKED).
CREATE INDEX "OutboxMessage_due_idx" ON "OutboxMessage"("nextAttemptAt") WHERE "status" = 'queued';

CREATE INDEX "OutboxMessage_requestId_idx" ON "OutboxMessage"("requestId");

ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_requestId_fkey" FOREIGN KEY ("requestId")
    REFERENCES "Request"("id") ON DELETE CASCADE ON UPDATE CASCADE;
