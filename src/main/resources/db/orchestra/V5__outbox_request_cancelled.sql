-- Ripieno: a pending request the orchestra cancels (by hand, or with its whole project) tells the
-- musician by mail, kind 'request_cancelled'. Its text is the orchestra's template of that type
-- ('request_cancelled', 'request_cancelled_en') when it has one, else Ripieno's default; no rows
-- are added here, so an existing orchestra's templates and codes stay as they are.
ALTER TABLE "OutboxMessage" DROP CONSTRAINT "OutboxMessage_kind_check";
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_kind_check"
    CHECK ("kind" IN ('request', 'reminder', 'confirmation', 'position_filled',
                      'request_cancelled'));

-- A request or reminder mail still queued when its request is cancelled is never delivered:
-- status 'cancelled' (a message already being delivered is left to finish).
ALTER TABLE "OutboxMessage" DROP CONSTRAINT "OutboxMessage_status_check";
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_status_check"
    CHECK ("status" IN ('queued', 'sending', 'sent', 'failed', 'cancelled'));
