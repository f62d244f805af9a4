package org.ripieno.datasafety.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ripieno.central.orchestras.control.CentralOrchestraRows;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.IdentityMarker;
import org.ripieno.tenancy.Migrations;
import org.ripieno.tenancy.OrchestraDatabases;
import org.ripieno.testing.TestPostgres;

/**
 * Issue 6, done-when 6: an orchestra exported and imported under a new name has every row of every
 * table, byte for byte; an archive of a deleted orchestra brings it back under its own id; imports
 * that would overwrite or mix data are refused and change nothing.
 */
class OrchestraArchiveIT {

  private static TestPostgres postgres;
  private static DatabaseLogin central;
  private static final Set<String> TABLES = new LinkedHashSet<>(DatabaseKind.ORCHESTRA.tables());

  @TempDir Path files;

  @BeforeAll
  static void centralDatabase() throws Exception {
    TABLES.remove(IdentityMarker.TABLE);
    postgres = new TestPostgres();
    central = postgres.createEmpty("archive_central");
    Migrations.migrate(central.dataSource(), DatabaseKind.CENTRAL);
  }

  @AfterAll
  static void dropDatabases() throws Exception {
    postgres.close();
  }

  @Test
  void exportThenImportUnderANewNameReproducesEveryRow() throws Exception {
    ArchivedOrchestra source = registeredOrchestra("src1");
    DatabaseLogin sourceDatabase = postgres.login(postgres.uniqueName("src1"));
    Path file = files.resolve("src1.json");

    try (Connection registry = central.connect()) {
      assertThat(
              ArchivedOrchestra.of(
                  CentralOrchestraRows.on(registry).bySubdomain(source.subdomain()).orElseThrow()))
          .isEqualTo(source);
    }
    ArchiveSummary written = OrchestraExport.write(sourceDatabase, source, file);

    assertThat(written.tables())
        .extracting(ArchiveSummary.TableContent::name)
        .containsExactlyInAnyOrderElementsOf(TABLES)
        .doesNotContain(IdentityMarker.TABLE);
    assertThat(written.rowCounts()).containsEntry("Musician", 3L).containsEntry("FileStorage", 1L);
    assertThat(Files.readString(file)).doesNotContain(IdentityMarker.TABLE);
    assertThat(files.resolve("src1.json.partial")).doesNotExist();

    String copy = subdomain("copy1");
    OrchestraImport.ImportReport imported =
        new OrchestraImport(central).importAs(file, copy, destination("default"), false);
    postgres.dropAtClose(imported.database().database());

    assertThat(imported.reactivated()).isFalse();
    assertThat(imported.orchestraId()).isNotEqualTo(source.id());
    assertThat(imported.database().database())
        .isEqualTo(postgres.runPrefix() + "orchestra_" + copy.replace('-', '_'));
    DatabaseLogin copyDatabase = postgres.login(imported.database().database());
    assertThat(OrchestraRows.contents(copyDatabase, TABLES))
        .isEqualTo(OrchestraRows.contents(sourceDatabase, TABLES));
    // The copy is its own orchestra: its own marker, and its sequences past the archived ones
    // (musician 4 was deleted before the export, so the next id is 5, not 4).
    assertThat(
            OrchestraRows.text(copyDatabase, "select \"orchestraId\" from \"OrchestraIdentity\""))
        .isEqualTo(imported.orchestraId());
    assertThat(
            OrchestraRows.count(
                copyDatabase,
                "insert into \"Musician\" (\"musicianId\", \"firstName\", \"lastName\", \"email\","
                    + " \"updatedAt\") values ('MUS005', 'New', 'One', 'new@example.org', now())"
                    + " returning \"id\""))
        .isEqualTo(5);
    assertThat(
            OrchestraRows.text(
                central,
                "select concat_ws('|', \"name\", \"status\", \"provisioningState\","
                    + " \"schemaVersion\", \"databaseServer\", \"databaseHost\","
                    + " \"databasePort\", \"databaseName\", \"contactEmail\")"
                    + " from \"Orchestra\" where \"subdomain\" = '"
                    + copy
                    + "'"))
        .isEqualTo(
            String.join(
                "|",
                source.name(),
                "active",
                "ACTIVE",
                written.schemaVersion(),
                "default",
                postgres.server().address().host(),
                Integer.toString(postgres.server().address().port()),
                imported.database().database(),
                source.contactEmail()));
  }

  @Test
  void importUnderADeletedOrchestrasSubdomainBringsThatOrchestraBack() throws Exception {
    ArchivedOrchestra source = registeredOrchestra("gone");
    String databaseName = postgres.uniqueName("gone");
    DatabaseLogin sourceDatabase = postgres.login(databaseName);
    Map<String, String> before = OrchestraRows.contents(sourceDatabase, TABLES);
    Path file = files.resolve("gone.json");
    OrchestraExport.write(sourceDatabase, source, file);
    // What the platform's DELETE leaves: the entry with status deleted, the database dropped.
    OrchestraDatabases.drop(postgres.server(), databaseName);
    postgres.execute(
        central,
        "update \"Orchestra\" set \"status\" = 'deleted' where \"id\" = '" + source.id() + "'");

    OrchestraImport.ImportReport imported =
        new OrchestraImport(central).importAs(file, source.subdomain(), destination(null), false);
    postgres.dropAtClose(imported.database().database());

    assertThat(imported.reactivated()).isTrue();
    assertThat(imported.orchestraId()).isEqualTo(source.id());
    DatabaseLogin restored = postgres.login(imported.database().database());
    assertThat(OrchestraRows.contents(restored, TABLES)).isEqualTo(before);
    assertThat(OrchestraRows.text(restored, "select \"orchestraId\" from \"OrchestraIdentity\""))
        .isEqualTo(source.id());
    assertThat(
            OrchestraRows.text(
                central,
                "select concat_ws('|', \"status\", \"provisioningState\", \"databaseName\")"
                    + " from \"Orchestra\" where \"id\" = '"
                    + source.id()
                    + "'"))
        .isEqualTo("active|ACTIVE|" + imported.database().database());
    assertThat(
            OrchestraRows.count(
                central,
                "select count(*) from \"Orchestra\" where \"subdomain\" = '"
                    + source.subdomain()
                    + "'"))
        .isEqualTo(1);
  }

  @Test
  void importsThatWouldOverwriteOrMixDataAreRefusedAndChangeNothing() throws Exception {
    ArchivedOrchestra source = registeredOrchestra("keep");
    DatabaseLogin sourceDatabase = postgres.login(postgres.uniqueName("keep"));
    Path file = files.resolve("keep.json");
    OrchestraExport.write(sourceDatabase, source, file);
    Map<String, String> before = OrchestraRows.contents(sourceDatabase, TABLES);
    OrchestraImport importer = new OrchestraImport(central);

    // An orchestra that exists and is not deleted is never replaced.
    assertThatThrownBy(() -> importer.importAs(file, source.subdomain(), destination(null), false))
        .isInstanceOf(ArchiveRefusedException.class)
        .hasMessageContaining("The orchestra " + source.subdomain() + " exists");
    // Nor is a database that holds data.
    assertThatThrownBy(() -> ArchiveImport.into(sourceDatabase, source.id(), file))
        .isInstanceOf(ArchiveRefusedException.class)
        .hasMessageContaining("is not empty")
        .hasMessageContaining("Musician=3");
    assertThat(OrchestraRows.contents(sourceDatabase, TABLES)).isEqualTo(before);
    // A database at another schema version is refused before anything is read into it.
    DatabaseLogin older = postgres.createEmpty("older");
    Migrations.flywayConfiguration(older.dataSource(), DatabaseKind.ORCHESTRA)
        .target("2")
        .load()
        .migrate();
    assertThatThrownBy(() -> ArchiveImport.into(older, source.id(), file))
        .isInstanceOf(ArchiveRefusedException.class)
        .hasMessageContaining("at 2");
    // A fresh database of another orchestra: its marker does not match.
    DatabaseLogin other = postgres.createOrchestra("other", "someone-else");
    assertThatThrownBy(() -> ArchiveImport.into(other, source.id(), file))
        .isInstanceOf(ArchiveRefusedException.class)
        .hasMessageContaining("someone-else");
    assertThat(OrchestraRows.count(other, "select count(*) from \"Musician\"")).isZero();
    // A subdomain must at least follow the legacy rule: it names the orchestra in paths.
    assertThatThrownBy(() -> importer.importAs(file, "Bad/Name", destination(null), true))
        .isInstanceOf(ArchiveRefusedException.class)
        .hasMessageContaining("lower-case letters a-z, digits and -");
    // A dry run creates neither a database nor an entry.
    String planned = subdomain("planned");
    OrchestraImport.ImportReport dryRun = importer.importAs(file, planned, destination(null), true);
    assertThat(dryRun.dryRun()).isTrue();
    assertThat(
            postgres.queryLong(
                "select count(*) from pg_database where datname = '"
                    + dryRun.database().database()
                    + "'"))
        .isZero();
    assertThat(
            OrchestraRows.count(
                central,
                "select count(*) from \"Orchestra\" where \"subdomain\" = '" + planned + "'"))
        .isZero();
    // A damaged file is refused before any database is created.
    Path truncated = files.resolve("truncated.json");
    String text = Files.readString(file);
    Files.writeString(truncated, text.substring(0, text.length() / 2));
    String damaged = subdomain("damaged");
    assertThatThrownBy(() -> importer.importAs(truncated, damaged, destination(null), false))
        .isInstanceOf(ArchiveRefusedException.class)
        .hasMessageContaining("not a well-formed orchestra archive");
    assertThat(
            postgres.queryLong(
                "select count(*) from pg_database where datname = '"
                    + postgres.runPrefix()
                    + "orchestra_"
                    + damaged.replace('-', '_')
                    + "'"))
        .isZero();
  }

  /** An orchestra database with rows in every table, registered in central. */
  private static ArchivedOrchestra registeredOrchestra(String purpose) throws Exception {
    String id = "id-" + postgres.uniqueName(purpose);
    DatabaseLogin database = postgres.createOrchestra(purpose, id);
    OrchestraRows.fill(database, false);
    ArchivedOrchestra orchestra =
        new ArchivedOrchestra(
            id, subdomain(purpose), "Orkester \"" + purpose + "\"", "Kontakt", purpose + "@x.org");
    try (Connection connection = central.connect();
        PreparedStatement insert =
            connection.prepareStatement(
                "insert into \"Orchestra\" (\"id\", \"orchestraId\", \"name\", \"subdomain\","
                    + " \"status\", \"contactName\", \"contactEmail\", \"updatedAt\","
                    + " \"provisioningState\", \"databaseHost\", \"databasePort\","
                    + " \"databaseName\") values (?, ?, ?, ?, 'active', ?, ?, now(), 'ACTIVE',"
                    + " ?, ?, ?)")) {
      insert.setString(1, id);
      insert.setString(2, id);
      insert.setString(3, orchestra.name());
      insert.setString(4, orchestra.subdomain());
      insert.setString(5, orchestra.contactName());
      insert.setString(6, orchestra.contactEmail());
      insert.setString(7, database.address().host());
      insert.setInt(8, database.address().port());
      insert.setString(9, database.address().database());
      insert.executeUpdate();
    }
    return orchestra;
  }

  /** The test server; the run's prefix, so the databases an import creates are dropped with it. */
  private static OrchestraImport.Destination destination(String serverName) {
    return new OrchestraImport.Destination(serverName, postgres.server(), postgres.runPrefix());
  }

  /** Unique to this run, so the databases an import names never collide with another run's. */
  private static String subdomain(String purpose) {
    return postgres.uniqueName(purpose).replace('_', '-');
  }
}
