-- Ripieno: every orchestra database knows which orchestra it belongs to. One row, written when the
-- database is created or adopted, compared with the central registry each time the orchestra is
-- opened. No entity maps this table, so no API can change it.
CREATE TABLE "OrchestraIdentity" (
    "singleton" BOOLEAN NOT NULL DEFAULT true,
    "orchestraId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OrchestraIdentity_pkey" PRIMARY KEY ("singleton"),
    CONSTRAINT "OrchestraIdentity_singleton_check" CHECK ("singleton")
);

-- The marker is written once; rewriting it would let one database pass for another orchestra.
CREATE FUNCTION "OrchestraIdentity_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the orchestra identity marker cannot be changed or removed';
END;
$$;

CREATE TRIGGER "OrchestraIdentity_immutable"
    BEFORE UPDATE OR DELETE ON "OrchestraIdentity"
    FOR EACH ROW EXECUTE FUNCTION "OrchestraIdentity_immutable"();
