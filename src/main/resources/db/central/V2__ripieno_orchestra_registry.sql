-- Ripieno's orchestra registry: columns added to the legacy "Orchestra" table (never new tables)
-- for the provisioning state machine, the schema version of the orchestra database and where that
-- database lives. "databasePassword" holds an encrypted value; NULL means "use the configured
-- credentials of the server named in databaseServer".

ALTER TABLE "Orchestra"
    ADD COLUMN "provisioningState" TEXT NOT NULL DEFAULT 'REQUESTED',
    ADD COLUMN "provisioningError" TEXT,
    ADD COLUMN "schemaVersion" TEXT,
    ADD COLUMN "lastMigrationResult" TEXT,
    ADD COLUMN "lastMigratedAt" TIMESTAMP(3),
    ADD COLUMN "databaseServer" TEXT,
    ADD COLUMN "databaseHost" TEXT,
    ADD COLUMN "databasePort" INTEGER,
    ADD COLUMN "databaseName" TEXT,
    ADD COLUMN "databaseUser" TEXT,
    ADD COLUMN "databasePassword" TEXT;

-- Two orchestras can never be registered on the same database.
ALTER TABLE "Orchestra" ADD CONSTRAINT "Orchestra_database_key"
    UNIQUE ("databaseHost", "databasePort", "databaseName");

ALTER TABLE "Orchestra" ADD CONSTRAINT "Orchestra_provisioningState_check"
    CHECK ("provisioningState" IN ('REQUESTED', 'DATABASE_CREATED', 'MIGRATED', 'SEEDED',
                                   'ADMIN_ACTIVATED', 'ACTIVE', 'FAILED'));

ALTER TABLE "Orchestra" ADD CONSTRAINT "Orchestra_status_check"
    CHECK ("status" IN ('pending', 'active', 'inactive', 'suspended', 'deleted'));
