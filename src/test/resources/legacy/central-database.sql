-- A central database as the legacy system's central script made it (legacy-operations.md §1.2,
-- create-main-tables-neon.sql, run by setup-neon-complete.ts), then patched by its hand-run SQL
-- for the mail and SMS settings and the API key (manual_add_orchestra_config.sql,
-- manual_add_sms_config.sql), but never by manual_add_orchestra_columns.sql: Orchestra without
-- orchestraId and the plan and branding columns, User without the leftover columns, unique
-- constraints written inline, the User -> Orchestra key with ON DELETE SET NULL (the schemas say
-- CASCADE), _prisma_migrations made by hand, no Customer and no SystemLog. And one orchestra table
-- the combined Prisma schema created in central too (incident I-14), with rows.

CREATE TABLE "Orchestra" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "subdomain" TEXT NOT NULL UNIQUE,
    "databaseUrl" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "contactName" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "resendApiKey" TEXT,
    "emailFromAddress" TEXT DEFAULT 'no-reply@stagesub.com',
    "emailFromName" TEXT,
    "emailReplyTo" TEXT,
    "twilioAccountSid" TEXT,
    "twilioAuthToken" TEXT,
    "twilioFromNumber" TEXT,
    "smsOnRequest" BOOLEAN NOT NULL DEFAULT false,
    "smsOnReminder" BOOLEAN NOT NULL DEFAULT false,
    "smsOnConfirmation" BOOLEAN NOT NULL DEFAULT false,
    "smsOnPositionFilled" BOOLEAN NOT NULL DEFAULT false,
    "smsOnGroupEmail" BOOLEAN NOT NULL DEFAULT false,
    "apiKey" TEXT UNIQUE
);

CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL UNIQUE,
    "role" TEXT NOT NULL DEFAULT 'user',
    "orchestraId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "username" TEXT NOT NULL UNIQUE,
    "lastLogin" TIMESTAMP(3),
    CONSTRAINT "User_orchestraId_fkey" FOREIGN KEY ("orchestraId") REFERENCES "Orchestra"("id")
        ON DELETE SET NULL ON UPDATE CASCADE
);

CREATE INDEX "User_orchestraId_idx" ON "User"("orchestraId");

CREATE TABLE "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
);

INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name",
    "applied_steps_count")
VALUES ('8a1c3c52-5a1e-4d0e-9d55-3d1f2a9c0001', 'resolved', '2025-07-04 10:00:00+00',
    '20250704_central_tables', 1);

CREATE TABLE "Musician" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "musicianId" TEXT NOT NULL UNIQUE,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "email" TEXT NOT NULL
);

INSERT INTO "Musician" ("musicianId", "firstName", "lastName", "email") VALUES
    ('MUS001', 'Anna', 'Andersson', 'anna@example.org'),
    ('MUS002', 'Bo', 'Berg', 'bo@example.org'),
    ('MUS003', 'Cleo', 'Carlsson', 'cleo@example.org');

INSERT INTO "Orchestra" ("id", "name", "subdomain", "databaseUrl", "status", "createdAt",
    "updatedAt", "contactName", "contactEmail", "resendApiKey", "twilioAccountSid",
    "twilioAuthToken", "twilioFromNumber", "smsOnRequest", "apiKey")
VALUES
    ('cmcnb6m2r0000sco', 'SCO', 'sco',
     'postgresql://postgres.scoref:sco%2Fpw@aws-0-eu-north-1.pooler.supabase.com:6543/postgres?pgbouncer=true&connection_limit=1',
     'active', '2025-06-28 12:00:00', '2025-07-02 08:30:00.456', 'SCO kontakt',
     'sco@example.org', 're_sco_resend_key', 'ACsco', 'twilio-token-sco', '+46700000001', true,
     'sk_sco_0123456789abcdef0123456789abcdef0123456789abcdef'),
    ('cmcnb6m2r0001scosco', 'SCOSO', 'scosco',
     'postgresql://postgres.scoscoref:scosco-pw@db.scoscoref.supabase.co:5432/postgres',
     'active', '2025-06-29 09:00:00', '2025-07-01 10:00:00', 'SCOSO kontakt',
     'scosco@example.org', NULL, NULL, NULL, NULL, false, NULL);
