package org.ripieno.datasafety.central.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.ripieno.datasafety.JdbcTransaction;
import org.ripieno.datasafety.TableRows;
import org.ripieno.datasafety.central.control.CentralAdoptionReport.Outcome;
import org.ripieno.datasafety.central.control.LegacyCentralSchema.Difference;
import org.ripieno.datasafety.schema.control.CentralTarget;
import org.ripieno.datasafety.schema.control.SchemaCleaner;
import org.ripieno.datasafety.schema.control.SchemaReports;
import org.ripieno.datasafety.schema.control.TableStructure;
import org.ripieno.security.secrets.SecretBox;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.IdentityMarker;
import org.ripieno.tenancy.Migrations;
import org.ripieno.tenancy.SchemaGuard;
import org.ripieno.tenancy.SchemaReport;

/**
 * Takes over the legacy system's central database in place, keeping every row: it is recognised
 * (the registry tables {@code Orchestra} and {@code User}, no Ripieno migration history, no
 * orchestra identity marker) and compared with the legacy central schema ({@link
 * LegacyCentralSchema}); then misplaced orchestra tables are backed up and dropped exactly as
 * {@code schema clean --central} does ({@link SchemaCleaner}), the missing tables, columns, keys
 * and indexes are added (one transaction), Flyway is baselined at V1 and migrated to the current
 * version, and the legacy values are converted ({@link LegacyCentralRows}: registry columns from
 * {@code databaseUrl}, hashed API keys, encrypted secrets) in one transaction that also compares
 * every table's rows with the count before and rolls back on a difference. {@code
 * _prisma_migrations} is kept, as orchestra adoption keeps it.
 *
 * <p>Every check runs before the first change, so a refused adoption changes nothing. The steps
 * span several transactions (Flyway's own among them); each only adds, and a run that stopped part
 * way is completed by running it again (a database with Ripieno's history still holding legacy
 * values gets the remaining steps).
 */
public final class CentralAdoption {

  private static final String ORCHESTRA = "Orchestra";
  private static final String USER = "User";

  /** The adoption stopped part way; its message names the steps done (a new run completes it). */
  public static final class AdoptionStoppedException extends IllegalStateException {
    public AdoptionStoppedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final DatabaseLogin central;
  private final DatabaseLogin scratchServer;

  /**
   * @param central the database to adopt (the configured central)
   * @param scratchServer login to a maintenance database where a scratch database may be created to
   *     read the legacy central schema (the default orchestra server will do)
   */
  public CentralAdoption(DatabaseLogin central, DatabaseLogin scratchServer) {
    this.central = central;
    this.scratchServer = scratchServer;
  }

  /** What was found and what is to be done; nothing is changed. */
  public final class Plan {
    private String database;
    private Migrations.SchemaVersion version;
    private boolean legacy;
    private Map<String, Long> misplaced = Map.of();
    private Map<String, TableStructure> expected = Map.of();
    private List<Difference> differences = List.of();
    private final List<String> notes = new ArrayList<>();
    private final List<String> steps = new ArrayList<>();
    private Map<String, Long> rowsBefore = Map.of();
    private Map<String, Long> rowsAfter = Map.of();
    private Path backupDirectory;
    private String refusal;
    private boolean nothingToDo;

    public String database() {
      return database;
    }

    public boolean refused() {
      return refusal != null;
    }

    public boolean nothingToDo() {
      return nothingToDo;
    }

    /** The report of the plan: refused, nothing to do, or the dry run. */
    public CentralAdoptionReport report() {
      return report(
          refused() ? Outcome.REFUSED : nothingToDo ? Outcome.NOTHING_TO_DO : Outcome.DRY_RUN);
    }

    CentralAdoptionReport report(Outcome outcome) {
      String before = version == null ? null : version.current();
      String after = outcome == Outcome.ADOPTED ? version.expected() : before;
      return new CentralAdoptionReport(
          outcome,
          database,
          before,
          after,
          misplaced,
          differences,
          notes,
          outcome == Outcome.REFUSED ? List.of() : steps,
          rowsBefore,
          rowsAfter,
          backupDirectory,
          refusal);
    }

    private Plan refuse(String reason) {
      refusal = reason;
      return this;
    }
  }

  /** Inspects the database and plans the adoption; changes nothing. */
  public Plan plan() throws SQLException {
    Plan plan = new Plan();
    try (Connection connection = central.connect()) {
      plan.database = connection.getCatalog();
      SchemaReport guard = SchemaGuard.inspect(connection, DatabaseKind.CENTRAL);
      if (guard.misplaced().containsKey(IdentityMarker.TABLE)) {
        return plan.refuse(
            "database "
                + plan.database
                + " carries an orchestra identity marker ("
                + IdentityMarker.TABLE
                + "): it is an orchestra's database, not central");
      }
      plan.version = Migrations.version(central.dataSource(), DatabaseKind.CENTRAL);
      if (TableRows.exists(connection, DatabaseKind.MIGRATION_HISTORY_TABLE)) {
        return planForRipienoCentral(plan, connection, guard);
      }
      plan.legacy = true;
      if (guard.missing().size() == DatabaseKind.CENTRAL.tables().size()
          && guard.misplaced().isEmpty()
          && guard.unknown().isEmpty()) {
        return plan.refuse(
            "database "
                + plan.database
                + " holds no central table: it is not a legacy central database (Ripieno creates"
                + " the central schema in an empty database when it starts)");
      }
      if (guard.missing().contains(ORCHESTRA) || guard.missing().contains(USER)) {
        return plan.refuse(
            "database "
                + plan.database
                + " lacks the legacy registry tables Orchestra and User: it is not a legacy"
                + " central database (is it an orchestra's?)");
      }
      Optional<String> registeredHere = orchestraOnThisDatabase(connection);
      if (registeredHere.isPresent()) {
        return plan.refuse(
            "orchestra "
                + registeredHere.get()
                + "'s databaseUrl names this very database: it is that orchestra's database (the"
                + " legacy system once kept Orchestra and User there too); point"
                + " ripieno.central.url at the legacy central database");
      }
      plan.misplaced = new TreeMap<>(guard.misplaced());
      plan.expected = LegacyCentralSchema.expected(scratchServer);
      plan.differences =
          LegacyCentralSchema.compare(
              plan.expected, LegacyCentralSchema.actual(connection, plan.expected));
      List<Difference> unknown = plan.differences.stream().filter(d -> !d.known()).toList();
      if (!unknown.isEmpty()) {
        return plan.refuse(
            unknown.size()
                + " difference(s) from the legacy central schema that adoption does not know"
                + " (first: "
                + unknown.get(0).description()
                + ")");
      }
      plan.rowsBefore = counts(connection, guard);
      conversions(connection, guard).forEach(c -> plan.notes.addAll(c.notes()));
      if (!plan.misplaced.isEmpty()) {
        plan.steps.add(
            "back up (every row, verified) and drop the misplaced orchestra tables "
                + SchemaReports.describe(plan.misplaced)
                + ", as schema clean --central does");
      }
      if (!plan.differences.isEmpty()) {
        plan.steps.add(
            "add what the legacy central schema (V1) has and this database lacks: "
                + plan.differences.size()
                + " difference(s), in one transaction");
      }
      plan.steps.add(
          "baseline Ripieno's migration history at central schema version "
              + LegacyCentralSchema.LEGACY_VERSION
              + " (kept: _prisma_migrations)");
      plan.steps.add(
          "migrate from version "
              + LegacyCentralSchema.LEGACY_VERSION
              + " to "
              + plan.version.expected());
      plan.steps.add(
          "convert the legacy values (database URLs, API keys, secrets) and compare every"
              + " table's rows with the count before, in one transaction");
      return plan;
    }
  }

  /**
   * A database with Ripieno's migration history is a Ripieno central: nothing to do, unless a run
   * that stopped part way left it behind or with legacy values.
   */
  private Plan planForRipienoCentral(Plan plan, Connection connection, SchemaReport guard)
      throws SQLException {
    Optional<String> notCentral = CentralTarget.whyNotCentral(connection);
    if (notCentral.isPresent()) {
      return plan.refuse(notCentral.get());
    }
    if (plan.version.isAhead()) {
      return plan.refuse(
          "the database is at central schema version "
              + plan.version.current()
              + ", newer than this Ripieno's "
              + plan.version.expected());
    }
    List<LegacyCentralRows.Conversion> conversions =
        plan.version.isBehind() ? List.of() : conversions(connection, guard);
    if (!plan.version.isBehind() && conversions.isEmpty()) {
      plan.nothingToDo = true;
      plan.steps.add(
          "nothing: it is a Ripieno central database already (schema version "
              + plan.version.current()
              + ")"
              + (guard.misplaced().isEmpty()
                  ? ""
                  : "; its misplaced tables are schema clean --central's to remove"));
      return plan;
    }
    plan.rowsBefore = counts(connection, guard);
    conversions.forEach(c -> plan.notes.addAll(c.notes()));
    if (plan.version.isBehind()) {
      plan.steps.add(
          "migrate from version " + plan.version.current() + " to " + plan.version.expected());
    }
    plan.steps.add(
        "convert the legacy values (database URLs, API keys, secrets) and compare every table's"
            + " rows with the count before, in one transaction");
    return plan;
  }

  /**
   * Carries out a plan that is neither refused nor nothing to do.
   *
   * @param box encrypts the legacy secrets
   * @param backupRoot where the misplaced tables' backups go (a directory per run)
   * @throws AdoptionStoppedException when a step failed; the steps done are named
   */
  public CentralAdoptionReport adopt(Plan plan, SecretBox box, Path backupRoot) {
    if (plan.refused() || plan.nothingToDo()) {
      throw new IllegalArgumentException("Nothing to adopt: " + plan.report().outcome());
    }
    List<String> done = new ArrayList<>();
    try {
      if (plan.legacy) {
        if (!plan.misplaced.isEmpty()) {
          SchemaCleaner.Result cleaned =
              SchemaCleaner.clean(central, DatabaseKind.CENTRAL, backupRoot, null);
          plan.backupDirectory = cleaned.backupDirectory();
          done.add(
              "backed up and dropped "
                  + cleaned.tables().stream()
                      .map(t -> t.table() + " (" + t.rows() + " rows)")
                      .collect(Collectors.joining(", "))
                  + " to "
                  + cleaned.backupDirectory());
        }
        repair(plan);
        if (!plan.differences.isEmpty()) {
          done.add("added what V1 has (" + plan.differences.size() + " difference(s))");
        }
        Migrations.flywayConfiguration(central.dataSource(), DatabaseKind.CENTRAL)
            .baselineVersion(LegacyCentralSchema.LEGACY_VERSION)
            .baselineDescription("legacy central schema, adopted")
            .load()
            .baseline();
        done.add("baselined at version " + LegacyCentralSchema.LEGACY_VERSION);
      }
      if (plan.version.isBehind()) {
        Migrations.migrate(central.dataSource(), DatabaseKind.CENTRAL);
        done.add("migrated to version " + plan.version.expected());
      }
      plan.rowsAfter = convert(plan, box);
      done.add("converted the legacy values; every table's rows counted as before");
    } catch (SQLException | RuntimeException e) {
      throw new AdoptionStoppedException(
          "The adoption of "
              + plan.database
              + " stopped: "
              + describe(e)
              + (done.isEmpty()
                  ? "; nothing was changed"
                  : "; done before: "
                      + String.join("; ", done)
                      + " (run central adopt again to complete it)"),
          e);
    }
    return plan.report(Outcome.ADOPTED);
  }

  /** All additions in one transaction; then a second comparison proves them. */
  private void repair(Plan plan) throws SQLException {
    List<String> statements = plan.differences.stream().flatMap(d -> d.repair().stream()).toList();
    if (statements.isEmpty()) {
      return;
    }
    try (Connection connection = central.connect()) {
      JdbcTransaction.run(
          connection,
          () -> {
            try (Statement statement = connection.createStatement()) {
              for (String sql : statements) {
                statement.execute(sql);
              }
            }
            return null;
          });
      List<Difference> left =
          LegacyCentralSchema.compare(
              plan.expected, LegacyCentralSchema.actual(connection, plan.expected));
      if (!left.isEmpty()) {
        throw new IllegalStateException("after the additions, still " + left.get(0).description());
      }
    }
  }

  /**
   * Converts every legacy value and counts every table, in one transaction: a table whose rows
   * changed in number, or a value still in legacy form when read back, rolls it back.
   */
  private Map<String, Long> convert(Plan plan, SecretBox box) throws SQLException {
    try (Connection connection = central.connect()) {
      return JdbcTransaction.run(
          connection,
          () -> {
            SchemaReport guard = SchemaGuard.inspect(connection, DatabaseKind.CENTRAL);
            for (LegacyCentralRows.Conversion conversion : conversions(connection, guard)) {
              CentralRestore.update(
                  connection,
                  conversion.table(),
                  conversion.changes().keySet(),
                  conversion.row(box),
                  conversion.id());
            }
            List<LegacyCentralRows.Conversion> left = conversions(connection, guard);
            if (!left.isEmpty()) {
              throw new IllegalStateException(
                  left.get(0).table()
                      + " "
                      + left.get(0).id()
                      + " still holds "
                      + left.get(0).changes().keySet()
                      + " in legacy form; rolled back");
            }
            Map<String, Long> after = counts(connection, guard);
            List<String> changed = new ArrayList<>();
            plan.rowsBefore.forEach(
                (table, rows) -> {
                  if (!rows.equals(after.get(table))) {
                    changed.add(table + " (" + rows + " -> " + after.get(table) + ")");
                  }
                });
            if (!changed.isEmpty()) {
              throw new IllegalStateException(
                  "rows changed in number during the adoption in "
                      + String.join(", ", changed)
                      + " (is the legacy system still writing to this database?); the conversion"
                      + " was rolled back");
            }
            return after;
          });
    }
  }

  /** The rows of every table that stays: central's, and unknown ones such as Prisma's history. */
  private static Map<String, Long> counts(Connection connection, SchemaReport guard)
      throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    for (String table : DatabaseKind.CENTRAL.tables()) {
      if (!guard.missing().contains(table)) {
        counts.put(table, TableRows.count(connection, table));
      }
    }
    for (String table : guard.unknown()) {
      counts.put(table, TableRows.count(connection, table));
    }
    return counts;
  }

  /** Every row of central's tables that holds something in legacy form. */
  private static List<LegacyCentralRows.Conversion> conversions(
      Connection connection, SchemaReport guard) throws SQLException {
    List<LegacyCentralRows.Conversion> conversions = new ArrayList<>();
    for (String table : DatabaseKind.CENTRAL.tables()) {
      if (guard.missing().contains(table)
          || (!ORCHESTRA.equals(table) && CentralSecrets.encrypted(table).isEmpty())) {
        continue;
      }
      for (JsonValue row : TableRows.readAll(connection, table, List.of("id"))) {
        LegacyCentralRows.convert(table, row.asJsonObject()).ifPresent(conversions::add);
      }
    }
    return conversions;
  }

  /** The subdomain of an orchestra whose legacy databaseUrl names this database, if any. */
  private Optional<String> orchestraOnThisDatabase(Connection connection) throws SQLException {
    if (!TableRows.exists(connection, ORCHESTRA)) {
      return Optional.empty();
    }
    boolean hasUrl;
    try (var query =
        connection.prepareStatement(
            "select count(*) from information_schema.columns where table_schema = 'public'"
                + " and table_name = 'Orchestra' and column_name = 'databaseUrl'")) {
      try (var result = query.executeQuery()) {
        result.next();
        hasUrl = result.getLong(1) > 0;
      }
    }
    if (!hasUrl) {
      return Optional.empty();
    }
    for (JsonValue value : TableRows.readAll(connection, ORCHESTRA, List.of("id"))) {
      JsonObject row = value.asJsonObject();
      if (!(row.get("databaseUrl") instanceof JsonString url)) {
        continue;
      }
      LegacyDatabaseUrl parsed;
      try {
        parsed = LegacyDatabaseUrl.parse(url.getString());
      } catch (IllegalArgumentException unreadable) {
        continue;
      }
      if (parsed.host().equalsIgnoreCase(central.address().host())
          && parsed.port() == central.address().port()
          && parsed.database().equals(central.address().database())
          && (parsed.user() == null || parsed.user().equals(central.user()))) {
        return Optional.of(row.getString("subdomain", row.getString("id")));
      }
    }
    return Optional.empty();
  }

  private static String describe(Exception e) {
    return e instanceof SQLException sql
        ? org.ripieno.datasafety.SqlErrors.describe(sql)
        : org.ripieno.datasafety.SqlErrors.describeFailure(e);
  }
}
