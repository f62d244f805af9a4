-- Ripieno: every orchestra database has an IdSequence row for every entity type that carries a
-- code (MUS001, PROJ001, ...), with its counter never below the highest code already present or
-- recorded as deleted. Legacy databases often lacked rows, or had seeded codes the counters never
-- counted (legacy-system.md section 1.6); new databases start at 0.
INSERT INTO "IdSequence" ("entityType", "lastNumber", "updatedAt")
SELECT highest.entity_type, highest.number, CURRENT_TIMESTAMP
FROM (VALUES
    ('musician', GREATEST(
        (SELECT COALESCE(MAX(substring("musicianId" FROM '^MUS([0-9]+)$')::int), 0) FROM "Musician"),
        (SELECT COALESCE(MAX(substring("deletedId" FROM '^MUS([0-9]+)$')::int), 0)
           FROM "DeletedIds" WHERE "entityType" = 'musician'))),
    ('project', GREATEST(
        (SELECT COALESCE(MAX(substring("projectId" FROM '^PROJ([0-9]+)$')::int), 0) FROM "Project"),
        (SELECT COALESCE(MAX(substring("deletedId" FROM '^PROJ([0-9]+)$')::int), 0)
           FROM "DeletedIds" WHERE "entityType" = 'project'))),
    ('request', GREATEST(
        (SELECT COALESCE(MAX(substring("requestId" FROM '^REQ([0-9]+)$')::int), 0) FROM "Request"),
        (SELECT COALESCE(MAX(substring("deletedId" FROM '^REQ([0-9]+)$')::int), 0)
           FROM "DeletedIds" WHERE "entityType" = 'request'))),
    ('instrument', GREATEST(
        (SELECT COALESCE(MAX(substring("instrumentId" FROM '^INST([0-9]+)$')::int), 0) FROM "Instrument"),
        (SELECT COALESCE(MAX(substring("deletedId" FROM '^INST([0-9]+)$')::int), 0)
           FROM "DeletedIds" WHERE "entityType" = 'instrument'))),
    ('position', GREATEST(
        (SELECT COALESCE(MAX(substring("positionId" FROM '^POS([0-9]+)$')::int), 0) FROM "Position"),
        (SELECT COALESCE(MAX(substring("deletedId" FROM '^POS([0-9]+)$')::int), 0)
           FROM "DeletedIds" WHERE "entityType" = 'position'))),
    ('rankingList', GREATEST(
        (SELECT COALESCE(MAX(substring("rankingListId" FROM '^RANK([0-9]+)$')::int), 0) FROM "RankingList"),
        (SELECT COALESCE(MAX(substring("deletedId" FROM '^RANK([0-9]+)$')::int), 0)
           FROM "DeletedIds" WHERE "entityType" = 'rankingList'))),
    ('ranking', GREATEST(
        (SELECT COALESCE(MAX(substring("rankingId" FROM '^RNK([0-9]+)$')::int), 0) FROM "Ranking"),
        (SELECT COALESCE(MAX(substring("deletedId" FROM '^RNK([0-9]+)$')::int), 0)
           FROM "DeletedIds" WHERE "entityType" = 'ranking'))),
    ('projectNeed', GREATEST(
        (SELECT COALESCE(MAX(substring("projectNeedId" FROM '^NEED([0-9]+)$')::int), 0) FROM "ProjectNeed"),
        (SELECT COALESCE(MAX(substring("deletedId" FROM '^NEED([0-9]+)$')::int), 0)
           FROM "DeletedIds" WHERE "entityType" = 'projectNeed'))),
    ('emailTemplate', GREATEST(
        (SELECT COALESCE(MAX(substring("emailTemplateId" FROM '^TMPL([0-9]+)$')::int), 0) FROM "EmailTemplate"),
        (SELECT COALESCE(MAX(substring("deletedId" FROM '^TMPL([0-9]+)$')::int), 0)
           FROM "DeletedIds" WHERE "entityType" = 'emailTemplate'))),
    ('communicationLog', GREATEST(
        (SELECT COALESCE(MAX(substring("communicationLogId" FROM '^COMM([0-9]+)$')::int), 0) FROM "CommunicationLog"),
        (SELECT COALESCE(MAX(substring("deletedId" FROM '^COMM([0-9]+)$')::int), 0)
           FROM "DeletedIds" WHERE "entityType" = 'communicationLog'))),
    ('projectFile', GREATEST(
        (SELECT COALESCE(MAX(substring("projectFileId" FROM '^FILE([0-9]+)$')::int), 0) FROM "ProjectFile"),
        (SELECT COALESCE(MAX(substring("deletedId" FROM '^FILE([0-9]+)$')::int), 0)
           FROM "DeletedIds" WHERE "entityType" = 'projectFile'))),
    ('auditLog', GREATEST(
        (SELECT COALESCE(MAX(substring("auditLogId" FROM '^AUDIT([0-9]+)$')::int), 0) FROM "AuditLog"),
        (SELECT COALESCE(MAX(substring("deletedId" FROM '^AUDIT([0-9]+)$')::int), 0)
           FROM "DeletedIds" WHERE "entityType" = 'auditLog'))),
    ('customList', GREATEST(
        (SELECT COALESCE(MAX(substring("customListId" FROM '^CLIST([0-9]+)$')::int), 0) FROM "CustomRankingList"),
        (SELECT COALESCE(MAX(substring("deletedId" FROM '^CLIST([0-9]+)$')::int), 0)
           FROM "DeletedIds" WHERE "entityType" = 'customList')))
) AS highest (entity_type, number)
ON CONFLICT ("entityType") DO UPDATE
    SET "lastNumber" = GREATEST("IdSequence"."lastNumber", EXCLUDED."lastNumber"),
        "updatedAt" = CURRENT_TIMESTAMP;
