-- Legacy orchestras restored from a central export may sit behind a connection pooler (Supabase's
-- pooler serves many databases on one host, port and database name, and picks the tenant by the
-- user name: postgres.<project>). Two orchestras are on the same database only when host, port,
-- database name AND login are the same; the identity marker in each database still refuses an
-- orchestra routed to another's data.
ALTER TABLE "Orchestra" DROP CONSTRAINT "Orchestra_database_key";
CREATE UNIQUE INDEX "Orchestra_database_key"
    ON "Orchestra" ("databaseHost", "databasePort", "databaseName", COALESCE("databaseUser", ''));
