-- Rows in every table of a legacy orchestra database made by the init script and the custom-list
-- migration: codes with gaps (MUS007, a deleted MUS008), an IdSequence behind the codes in use (as
-- the legacy seeds left it), one email template under a legacy id, a setting the code never read
-- (seed-new-orchestra.ts's conflictHandlingStrategy), and a need on a custom list that had to name
-- a standard list too, since rankingListId was NOT NULL.

INSERT INTO "Instrument" ("instrumentId", "name", "displayOrder") VALUES
  ('INST001', 'Violin', 1), ('INST002', 'Cello', 3);
INSERT INTO "Position" ("positionId", "instrumentId", "name", "hierarchyLevel") VALUES
  ('POS001', 1, 'Tutti violin 1', 4), ('POS002', 2, 'Solocellist', 1);
INSERT INTO "Musician" ("musicianId", "firstName", "lastName", "email", "phone",
    "preferredLanguage", "localResidence", "notes", "isActive", "createdAt", "updatedAt") VALUES
  ('MUS001', 'Astrid', 'Lind', 'astrid@example.org', '+46 70 100', 'sv', true, 'Föredrar förmiddagar',
   true, '2025-06-28 10:00:00.123', '2025-07-01 11:00:00'),
  ('MUS002', 'Bo', 'Nyström', 'bo@example.org', null, 'en', false, null, true,
   '2025-06-28 10:05:00', '2025-06-28 10:05:00'),
  ('MUS007', 'Cleo', 'Öberg', 'cleo@example.org', null, null, false, null, true,
   '2025-06-30 09:00:00', '2025-06-30 09:00:00');
INSERT INTO "MusicianQualification" ("musicianId", "positionId") VALUES (1, 1), (2, 1), (3, 2);
INSERT INTO "RankingList" ("rankingListId", "positionId", "listType", "description") VALUES
  ('RANK001', 1, 'A', 'A-lista för Tutti violin 1 (Violin)'), ('RANK002', 2, 'A', null);
INSERT INTO "Ranking" ("rankingId", "listId", "musicianId", "rank") VALUES
  ('ckx1legacyranking1', 1, 1, 1), ('ckx1legacyranking2', 1, 2, 2), ('ckx1legacyranking3', 2, 3, 1);
INSERT INTO "Project" ("projectId", "name", "startDate", "weekNumber", "rehearsalSchedule",
    "concertInfo", "notes") VALUES
  ('PROJ001', 'Midsommarkonsert', '2027-06-21 00:00:00', 25, 'Mån-tor 10-15', 'Lör 18:00', null),
  ('PROJ002', 'Julkonsert', '2027-12-13 00:00:00', 50, null, null, 'Kyrkan');
INSERT INTO "CustomRankingList" ("customListId", "projectId", "positionId", "name", "updatedAt")
  VALUES ('CLIST001', 1, 1, 'V. 25 Midsommarkonsert', '2025-07-03 10:00:00');
INSERT INTO "CustomRanking" ("customListId", "musicianId", "rank", "createdAt", "updatedAt") VALUES
  (1, 2, 1, '2025-07-03 10:00:00.001', '2025-07-03 10:00:00.001'),
  (1, 1, 2, '2025-07-03 10:00:00.002', '2025-07-04 12:00:00');
INSERT INTO "ProjectNeed" ("projectNeedId", "projectId", "positionId", "quantity",
    "rankingListId", "customRankingListId", "requestStrategy", "maxRecipients") VALUES
  ('NEED001', 1, 2, 1, 2, null, 'sequential', null),
  ('NEED002', 1, 1, 2, 1, 1, 'first_come', 2);
INSERT INTO "Request" ("requestId", "projectNeedId", "musicianId", "status", "sentAt",
    "respondedAt") VALUES
  ('REQ001', 1, 3, 'accepted', '2025-07-04 08:00:00', '2025-07-04 09:00:00'),
  ('REQ002', 2, 2, 'pending', '2025-07-04 08:00:00', null);
INSERT INTO "RequestToken" ("token", "requestId", "expiresAt") VALUES
  ('ckx1legacytoken0001', 2, '2025-07-05 08:00:00');
INSERT INTO "CommunicationLog" ("communicationLogId", "requestId", "type") VALUES
  ('COMM001', 1, 'request_sent');
INSERT INTO "ProjectFile" ("projectFileId", "projectId", "fileName", "fileUrl", "fileType") VALUES
  ('FILE001', 1, 'Program', '/api/files/legacy-file-1', 'general_info');
INSERT INTO "FileStorage" ("id", "fileName", "originalName", "mimeType", "size", "content",
    "projectId") VALUES
  ('legacy-file-1', 'project-1-general-1.pdf', 'program.pdf', 'application/pdf', 3,
   '\x0a0b0c'::bytea, 1);
INSERT INTO "GroupEmailLog" ("projectId", "subject", "message", "recipients", "sentCount",
    "failedCount") VALUES
  (1, 'Välkommen', 'Hej alla', '[{"id": 1, "name": "Astrid Lind"}]', 1, 0);
INSERT INTO "AuditLog" ("auditLogId", "action", "entityType", "entityId") VALUES
  ('ckx1legacyaudit1', 'create', 'musician', 1);
INSERT INTO "DeletedIds" ("entityType", "deletedId") VALUES ('musician', 'MUS008');
INSERT INTO "IdSequence" ("entityType", "lastNumber") VALUES ('musician', 3), ('project', 2);
INSERT INTO "EmailTemplate" ("emailTemplateId", "type", "subject", "body", "variables") VALUES
  ('template-request-sv', 'request', 'Förfrågan om {{positionName}}',
   'Hej {{firstName}}! Svara här: {{responseUrl}}', '["firstName", "positionName", "responseUrl"]');
INSERT INTO "Settings" ("key", "value") VALUES ('conflictHandlingStrategy', 'simple');
