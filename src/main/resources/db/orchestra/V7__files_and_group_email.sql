-- Ripieno: files with the staffing mails, group email through the outbox, download links.

-- A group email is delivered through the outbox like the staffing mails: one message per
-- recipient, kind 'group_email', naming its GroupEmailLog instead of a request. Its history counts
-- follow these messages' delivery.
ALTER TABLE "OutboxMessage" ALTER COLUMN "requestId" DROP NOT NULL;
ALTER TABLE "OutboxMessage" ADD COLUMN "groupEmailId" INTEGER;
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_groupEmailId_fkey" FOREIGN KEY ("groupEmailId")
    REFERENCES "GroupEmailLog"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE INDEX "OutboxMessage_groupEmailId_idx" ON "OutboxMessage"("groupEmailId");
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_subject_check"
    CHECK ("requestId" IS NOT NULL OR "groupEmailId" IS NOT NULL);
ALTER TABLE "OutboxMessage" DROP CONSTRAINT "OutboxMessage_kind_check";
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_kind_check"
    CHECK ("kind" IN ('request', 'reminder', 'confirmation', 'position_filled',
                      'request_cancelled', 'group_email'));

-- musicianId: whom a message is for, so an admin's retry of a failed message goes to the address
-- (or phone number) the musician has now, for a group email's copies too (they have no request).
-- Set for every new message; the existing ones learn it from their request. A musician deleted
-- later leaves the message without one (its retry is refused).
ALTER TABLE "OutboxMessage" ADD COLUMN "musicianId" INTEGER;
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_musicianId_fkey" FOREIGN KEY ("musicianId")
    REFERENCES "Musician"("id") ON DELETE SET NULL ON UPDATE CASCADE;
UPDATE "OutboxMessage" o SET "musicianId" = r."musicianId" FROM "Request" r WHERE r."id" = o."requestId";

-- When a message's attachments would pass 7 MB it carries links instead: each link's secret is
-- the token (unguessable, <orchestra id>.<256 random bits>), made once per message and file so a
-- repeated delivery carries the same links. A link works while its request does (pending before
-- its deadline, or accepted) and goes with it.
CREATE TABLE "AttachmentLink" (
    "token" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "requestId" INTEGER NOT NULL,
    "storageId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AttachmentLink_pkey" PRIMARY KEY ("token")
);
CREATE UNIQUE INDEX "AttachmentLink_message_storage_key" ON "AttachmentLink"("messageId", "storageId");
ALTER TABLE "AttachmentLink" ADD CONSTRAINT "AttachmentLink_requestId_fkey" FOREIGN KEY ("requestId")
    REFERENCES "Request"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AttachmentLink" ADD CONSTRAINT "AttachmentLink_storageId_fkey" FOREIGN KEY ("storageId")
    REFERENCES "FileStorage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Several ProjectFile rows may share one stored file (a file linked to other needs); deleting one
-- asks whether any other still points at it.
CREATE INDEX "ProjectFile_fileUrl_idx" ON "ProjectFile"("fileUrl");
