package org.ripieno.datasafety.adoption;

import static org.ripieno.datasafety.archive.SchemaCatalog.quote;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.ripieno.central.orchestras.control.CentralOrchestraRows;
import org.ripieno.central.orchestras.control.RegisteredOrchestra;
import org.ripieno.central.orchestras.control.Subdomains;
import org.ripieno.datasafety.JdbcTransaction;
import org.ripieno.datasafety.PublicSchema;
import org.ripieno.datasafety.adoption.AdoptionReport.Outcome;
import org.ripieno.datasafety.adoption.SchemaDifference.Handling;
import org.ripieno.datasafety.archive.SchemaCatalog;
import org.ripieno.orchestra.seed.control.SeedDefaults;
import org.ripieno.persistence.Ids;
import org.ripieno.security.secrets.SecretBox;
import org.ripieno.tenancy.DatabaseAddress;
import org.ripieno.tenancy.DatabaseKind;
import org.ripieno.tenancy.DatabaseLogin;
import org.ripieno.tenancy.IdentityMarker;
import org.ripieno.tenancy.Migrations;
import org.ripieno.tenancy.SchemaGuard;
import org.ripieno.tenancy.SchemaReport;

/**
 * Takes over an orchestra database the legacy system created: compares it with the orchestra
 * schema, repairs the known drift, baselines Flyway at version 1 (the legacy schema), migrates it
 * forward, writes its identity marker, adds the seed's email templates and settings it lacks, moves
 * a legacy {@code SystemLog} to central and creates or updates the orchestra's registry entry with
 * the database's own login. The rows of the orchestra's data (musicians, projects, requests and the
 * rest) are not touched; only migrations that add rows (the {@code IdSequence} counters) and the
 * missing seed defaults ({@link SeedDefaults}) add them.
 *
 * <p>Every check runs before the first change, so a refused adoption changes nothing. The changes
 * themselves span the legacy database and central, which share no transaction; each step can be
 * repeated, so an interrupted adoption is completed by running it again (the marker it wrote keeps
 * the orchestra's id).
 */
public final class OrchestraAdoption {

  /**
   * The orchestra migration that is the legacy schema ({@code V1__legacy_orchestra_schema.sql}): a
   * legacy database without Flyway history is compared with it and baselined at it.
   */
  static final String LEGACY_SCHEMA_VERSION = "1";

  /** The counters migration V3 fills: the one table whose rows adoption may change freely. */
  static final String ID_SEQUENCE = "IdSequence";

  /** The tables the seed defaults go to: they may grow by what adoption adds, nothing else. */
  static final String EMAIL_TEMPLATE = "EmailTemplate";

  static final String SETTINGS = "Settings";

  /** Central's registry table: a central without it holds no orchestras yet. */
  static final String REGISTRY = "Orchestra";

  private final DatabaseLogin central;
  private final DatabaseLogin scratchServer;
  private final SecretBox secrets;

  /**
   * @param central login to the central database (registry entry, SystemLog)
   * @param scratchServer login to a maintenance database where a scratch database may be created to
   *     learn the orchestra schema (the default orchestra server will do)
   * @param secrets encrypts the adopted database's password for the registry; may be null when no
   *     password is given
   */
  public OrchestraAdoption(DatabaseLogin central, DatabaseLogin scratchServer, SecretBox secrets) {
    this.central = Objects.requireNonNull(central, "central");
    this.scratchServer = Objects.requireNonNull(scratchServer, "scratchServer");
    this.secrets = secrets;
  }

  /**
   * What to adopt.
   *
   * @param database the legacy database with the login adoption connects with (the user must own
   *     its tables: adoption alters them)
   * @param ownLogin whether the registry entry keeps {@code database}'s user and password as the
   *     orchestra's own login; false: the entry keeps none and the orchestra is served with its
   *     server's login ({@code OrchestraRoutes}), so {@code database} should be that login
   * @param confirm must equal the database's name unless {@code dryRun}
   * @param serverName the configured server the entry routes through (null: the default server);
   *     the entry's own login is used for the connection itself
   * @param name the orchestra's name for a new registry entry (null: the subdomain)
   * @param force adopt despite unexpected differences, leaving them as they are
   */
  public record Request(
      String subdomain,
      DatabaseLogin database,
      boolean ownLogin,
      String confirm,
      String serverName,
      String name,
      boolean force,
      boolean dryRun) {

    public Request {
      Objects.requireNonNull(subdomain, "subdomain");
      Objects.requireNonNull(database, "database");
    }
  }

  /**
   * Adopts the database, or reports why not.
   *
   * @return the report; {@link Outcome#REFUSED} and {@link Outcome#DRY_RUN} changed nothing
   * @throws AdoptionFailedException when a change failed part way; its message names the steps done
   *     (running the adoption again completes it)
   */
  public AdoptionReport adopt(Request request) throws SQLException {
    DatabaseLogin database = request.database();
    DatabaseAddress address = database.address();
    if (request.ownLogin()
        && database.password() != null
        && !database.password().isEmpty()
        && secrets == null) {
      throw new IllegalArgumentException("A database password needs the secret key to store it");
    }
    Migrations.SchemaVersion version =
        Migrations.version(database.dataSource(), DatabaseKind.ORCHESTRA);
    Plan plan = new Plan(request, version);
    if (!Subdomains.isValidLegacy(request.subdomain())) {
      return plan.refused(
          "a subdomain is lower-case letters a-z, digits and -: " + request.subdomain());
    }
    if (isCentral(database)) {
      // Orchestra migrations and a marker in central would be the legacy incident again.
      return plan.refused(
          "the database "
              + address
              + " is the central database ("
              + central.address()
              + "); adopt an orchestra's own database");
    }
    if (version.isAhead()) {
      return plan.refused(
          "the database is at orchestra schema version "
              + version.current()
              + ", newer than this Ripieno's "
              + version.expected());
    }
    SchemaCatalog expected =
        ExpectedSchema.at(
            scratchServer, version.current() == null ? LEGACY_SCHEMA_VERSION : version.current());
    try (Connection legacy = database.connect();
        Connection registry = central.connect()) {
      SchemaCatalog centralCatalog = SchemaCatalog.read(registry);
      if (centralCatalog.table(REGISTRY).isEmpty()) {
        if (!request.dryRun() || !PublicSchema.isEmpty(registry)) {
          return plan.refused(
              "central holds no orchestra registry (no Orchestra table): create the central"
                  + " schema first (ripieno-admin creates it in an empty database)");
        }
        // A brand-new central: a real run creates the central schema first (the command does),
        // so the dry run plans against that schema as the migrations make it.
        Migrations.SchemaVersion centralVersion =
            Migrations.version(central.dataSource(), DatabaseKind.CENTRAL);
        plan.centralToCreate = centralVersion.expected();
        centralCatalog =
            ExpectedSchema.at(scratchServer, DatabaseKind.CENTRAL, plan.centralToCreate);
      }
      SchemaCatalog actual = SchemaCatalog.read(legacy);
      plan.differences =
          SchemaComparison.compare(expected, actual, centralCatalog.table(LegacySystemLog.TABLE));
      plan.rowsBefore = counts(legacy, actual);
      if (actual.table(EMAIL_TEMPLATE).isPresent() && actual.table(SETTINGS).isPresent()) {
        plan.seedDefaults = SeedDefaults.find(legacy);
      }
      Optional<String> refusal =
          plan.decideIdentity(
              legacy, actual, plan.centralToCreate == null ? registry : null, address);
      if (refusal.isPresent()) {
        return plan.refused(refusal.get());
      }
      if (!plan.unexpected().isEmpty() && !request.force()) {
        return plan.refused(
            plan.unexpected().size()
                + " unexpected difference(s) from the orchestra schema (first: "
                + plan.unexpected().get(0).describe()
                + "); adopt with force to take it over as it is");
      }
      if (!request.dryRun() && !address.database().equals(request.confirm())) {
        return plan.refused(
            "adoption changes database "
                + address.database()
                + ": confirm with its name (--confirm "
                + address.database()
                + ")");
      }
      plan.listSteps();
      if (request.dryRun()) {
        return plan.report(Outcome.DRY_RUN, null);
      }
      return new Execution(plan, legacy, registry).run();
    }
  }

  /** What was found and what is to be done. */
  private final class Plan {

    final Request request;
    final Migrations.SchemaVersion version;
    List<SchemaDifference> differences = List.of();
    Map<String, Long> rowsBefore = Map.of();
    Map<String, Long> rowsAfter = Map.of();
    String orchestraId;

    /** The id is made up by this run: shown only once it is written. */
    boolean idIsNew;

    Optional<String> marker = Optional.empty();
    Optional<RegisteredOrchestra> entry = Optional.empty();
    final List<String> steps = new ArrayList<>();
    String versionAfter;
    long systemLogRowsMoved;

    /** The seed's templates and settings the database lacks, added after the migrations. */
    SeedDefaults.Missing seedDefaults = new SeedDefaults.Missing(List.of(), List.of());

    /** The central schema version a real run creates first (a dry run on an empty central). */
    String centralToCreate;

    Plan(Request request, Migrations.SchemaVersion version) {
      this.request = request;
      this.version = version;
      this.versionAfter = version.current();
    }

    List<SchemaDifference> unexpected() {
      return differences.stream().filter(SchemaDifference::isUnexpected).toList();
    }

    /**
     * The orchestra's id, and whether the marker and the registry agree with it.
     *
     * @param registry central, or null when it holds no registry yet (nothing to agree with)
     */
    Optional<String> decideIdentity(
        Connection legacy, SchemaCatalog actual, Connection registry, DatabaseAddress address)
        throws SQLException {
      String subdomain = request.subdomain();
      if (actual.table(IdentityMarker.TABLE).isPresent()) {
        marker = IdentityMarker.read(legacy);
      }
      if (registry == null) {
        orchestraId = marker.orElseGet(Ids::newId);
        idIsNew = marker.isEmpty();
        return Optional.empty();
      }
      entry = CentralOrchestraRows.on(registry).bySubdomain(subdomain);
      if (entry.isPresent()) {
        orchestraId = entry.get().id();
      } else if (marker.isPresent()) {
        orchestraId = marker.get();
        Optional<RegisteredOrchestra> markedFor =
            CentralOrchestraRows.on(registry).byId(marker.get());
        if (markedFor.isPresent()) {
          return Optional.of(
              "the database carries the identity marker of orchestra "
                  + markedFor.get().subdomain());
        }
      } else {
        orchestraId = Ids.newId();
        idIsNew = true;
      }
      if (marker.isPresent() && !marker.get().equals(orchestraId)) {
        return Optional.of(
            "the database carries the identity marker of orchestra "
                + marker.get()
                + ", not that of "
                + subdomain
                + " ("
                + orchestraId
                + ")");
      }
      Optional<RegisteredOrchestra> onDatabase =
          CentralOrchestraRows.on(registry).onDatabase(address);
      if (onDatabase.isPresent() && !onDatabase.get().id().equals(orchestraId)) {
        return Optional.of(
            "the database is registered for orchestra " + onDatabase.get().subdomain());
      }
      if (entry.isPresent()
          && !entry.get().isDeleted()
          && entry.get().database().isPresent()
          && !entry.get().database().get().equals(address)
          && !request.force()) {
        return Optional.of(
            subdomain
                + " is registered on database "
                + entry.get().database().get()
                + "; adopting "
                + address
                + " would point it elsewhere (adopt with force to do so)");
      }
      return Optional.empty();
    }

    boolean systemLogMovable() {
      return differences.stream()
              .anyMatch(
                  d ->
                      d.table().equals(LegacySystemLog.TABLE)
                          && d.handling() == Handling.MOVED_TO_CENTRAL)
          && differences.stream()
              .noneMatch(d -> d.table().equals(LegacySystemLog.TABLE) && d.isUnexpected());
    }

    /** The name the added templates are signed with, as the registry entry names the orchestra. */
    String orchestraName() {
      if (request.name() != null) {
        return request.name();
      }
      return entry.map(RegisteredOrchestra::name).orElse(request.subdomain());
    }

    void listSteps() {
      if (centralToCreate != null) {
        steps.add(
            "create the central schema (version "
                + centralToCreate
                + ") in the empty central database, as a real run does first");
      }
      differences.stream()
          .filter(d -> !d.repair().isEmpty())
          .forEach(d -> steps.add("repair " + d.table() + ": " + String.join("; ", d.repair())));
      if (version.current() == null) {
        steps.add("baseline Flyway at orchestra schema version " + LEGACY_SCHEMA_VERSION);
      }
      if (version.isBehind()) {
        steps.add(
            "migrate from version "
                + (version.current() == null ? LEGACY_SCHEMA_VERSION : version.current())
                + " to "
                + version.expected());
      }
      if (!seedDefaults.isEmpty()) {
        steps.add(
            "add the seed's missing "
                + seedDefaults.describe()
                + ", templates signed "
                + orchestraName()
                + " with codes from IdSequence");
      }
      String id = idIsNew ? "(a new orchestra id)" : orchestraId;
      if (marker.isEmpty()) {
        steps.add("write the identity marker " + id);
      }
      if (systemLogMovable()) {
        steps.add(
            "move "
                + rowsBefore.getOrDefault(LegacySystemLog.TABLE, 0L)
                + " SystemLog rows to central with orchestra id "
                + id
                + ", then drop the table");
      }
      steps.add(
          "check that no table but IdSequence changed its number of rows"
              + (seedDefaults.isEmpty() ? "" : " (EmailTemplate and Settings: by what was added)"));
      steps.add(
          (entry.isPresent() ? "update" : "create")
              + " the registry entry of "
              + request.subdomain()
              + (request.ownLogin()
                  ? " with the database's own login (user " + request.database().user() + ")"
                  : " without a login of its own (the server's login is used)"));
    }

    AdoptionReport refused(String reason) {
      return report(Outcome.REFUSED, reason);
    }

    AdoptionReport report(Outcome outcome, String refusal) {
      return new AdoptionReport(
          outcome,
          request.subdomain(),
          idIsNew && outcome != Outcome.ADOPTED ? null : orchestraId,
          entry.isEmpty(),
          request.database().address(),
          version.current(),
          versionAfter,
          differences,
          outcome == Outcome.REFUSED ? List.of() : steps,
          rowsBefore,
          rowsAfter,
          systemLogRowsMoved,
          refusal);
    }
  }

  /** The changes, in order, each recorded as it completes. */
  private final class Execution {

    private final Plan plan;
    private final Connection legacy;
    private final Connection registry;
    private final List<String> done = new ArrayList<>();

    Execution(Plan plan, Connection legacy, Connection registry) {
      this.plan = plan;
      this.legacy = legacy;
      this.registry = registry;
    }

    AdoptionReport run() {
      DatabaseLogin database = plan.request.database();
      try {
        repair();
        if (plan.version.current() == null) {
          Migrations.flywayConfiguration(database.dataSource(), DatabaseKind.ORCHESTRA)
              .baselineVersion(LEGACY_SCHEMA_VERSION)
              .baselineDescription("legacy orchestra schema, adopted")
              .load()
              .baseline();
          done.add("baselined at " + LEGACY_SCHEMA_VERSION);
        }
        Migrations.migrate(database.dataSource(), DatabaseKind.ORCHESTRA);
        plan.versionAfter =
            Migrations.version(database.dataSource(), DatabaseKind.ORCHESTRA).current();
        done.add("migrated to " + plan.versionAfter);
        IdentityMarker.write(legacy, plan.orchestraId);
        done.add("identity marker " + plan.orchestraId);
        SeedDefaults.Missing added = addSeedDefaults();
        if (plan.systemLogMovable()) {
          plan.systemLogRowsMoved =
              LegacySystemLog.moveToCentral(legacy, registry, plan.orchestraId);
          done.add("moved " + plan.systemLogRowsMoved + " SystemLog rows to central");
        }
        // Checked before registering: a database that fails them is not served.
        SchemaReport guard = SchemaGuard.inspect(legacy, DatabaseKind.ORCHESTRA);
        if (!guard.missing().isEmpty()) {
          throw new IllegalStateException(
              "the adopted database lacks orchestra tables " + guard.missing());
        }
        plan.rowsAfter = counts(legacy, SchemaCatalog.read(legacy));
        List<String> changed =
            changedRowCounts(
                plan.rowsBefore,
                plan.rowsAfter,
                plan.systemLogMovable(),
                Map.of(
                    EMAIL_TEMPLATE,
                    (long) added.templateTypes().size(),
                    SETTINGS,
                    (long) added.settingKeys().size()));
        if (!changed.isEmpty()) {
          throw new IllegalStateException(
              "rows changed during the adoption in "
                  + String.join(", ", changed)
                  + "; adoption must leave the orchestra's data untouched: find what changed"
                  + " them (is the legacy system still writing to this database?), and the"
                  + " orchestra is not registered until a run finds nothing changed");
        }
        register();
        done.add("registry entry " + plan.request.subdomain());
      } catch (SQLException | RuntimeException e) {
        throw new AdoptionFailedException(plan.request.subdomain(), done, e);
      }
      return plan.report(Outcome.ADOPTED, null);
    }

    /**
     * The seed's templates and settings the database lacks, in one transaction (after the
     * migrations, whose {@code IdSequence} counters give the template codes).
     */
    private SeedDefaults.Missing addSeedDefaults() throws SQLException {
      if (plan.seedDefaults.isEmpty()) {
        return plan.seedDefaults;
      }
      SeedDefaults.Missing added =
          JdbcTransaction.run(legacy, () -> SeedDefaults.write(legacy, plan.orchestraName()));
      done.add("added " + added.describe());
      return added;
    }

    /** All repairs in one transaction, then a second comparison proves them. */
    private void repair() throws SQLException {
      List<String> statements =
          plan.differences.stream().flatMap(d -> d.repair().stream()).toList();
      if (statements.isEmpty()) {
        return;
      }
      JdbcTransaction.run(
          legacy,
          () -> {
            try (Statement statement = legacy.createStatement()) {
              for (String sql : statements) {
                statement.execute(sql);
              }
            }
            return null;
          });
      SchemaCatalog expected =
          ExpectedSchema.at(
              scratchServer,
              plan.version.current() == null ? LEGACY_SCHEMA_VERSION : plan.version.current());
      List<SchemaDifference> left =
          SchemaComparison.compare(
                  expected,
                  SchemaCatalog.read(legacy),
                  SchemaCatalog.read(registry).table(LegacySystemLog.TABLE))
              .stream()
              .filter(d -> d.handling() == Handling.REPAIRED)
              .toList();
      if (!left.isEmpty()) {
        throw new IllegalStateException("after the repairs, still " + left.get(0).describe());
      }
      done.add("repaired " + statements.size() + " statement(s)");
    }

    private void register() throws SQLException {
      DatabaseLogin database = plan.request.database();
      String password = database.password();
      CentralOrchestraRows.Registration registration =
          new CentralOrchestraRows.Registration(
              plan.orchestraId,
              plan.request.subdomain(),
              plan.request.name() != null ? plan.request.name() : plan.request.subdomain(),
              null,
              null,
              plan.versionAfter,
              plan.request.serverName(),
              database.address(),
              plan.request.ownLogin() ? database.user() : null,
              !plan.request.ownLogin() || password == null || password.isEmpty()
                  ? null
                  : secrets.encrypt(password),
              "adopted from the legacy system at version "
                  + (plan.version.current() == null ? "none" : plan.version.current())
                  + ", migrated to "
                  + plan.versionAfter,
              // Its data came along: whatever staffing work it holds, the jobs look at once.
              true);
      JdbcTransaction.run(
          registry,
          () -> {
            if (plan.entry.isEmpty()) {
              CentralOrchestraRows.on(registry).register(registration);
            } else if (!CentralOrchestraRows.on(registry).pointAtDatabase(registration, false)) {
              throw new IllegalStateException(
                  "the registry entry of " + plan.request.subdomain() + " disappeared meanwhile");
            }
            return null;
          });
    }
  }

  /**
   * The tables whose number of rows adoption changed, as {@code Table (before -> after)}. Only
   * {@code IdSequence} may change (migration V3 adds the counters), the tables adoption added rows
   * to may grow by exactly those rows (the seed defaults), and the legacy {@code SystemLog} may go
   * (its rows moved to central); the {@code CustomRanking} repair keeps its rows, so it is compared
   * like every other table. Tables that did not exist before (the identity marker, tables of later
   * migrations) are adoption's own.
   *
   * @param added rows adoption itself added, by table
   */
  static List<String> changedRowCounts(
      Map<String, Long> before,
      Map<String, Long> after,
      boolean systemLogMoved,
      Map<String, Long> added) {
    List<String> changed = new ArrayList<>();
    before.forEach(
        (table, rows) -> {
          if (ID_SEQUENCE.equals(table)
              || (systemLogMoved && LegacySystemLog.TABLE.equals(table))) {
            return;
          }
          Long now = after.get(table);
          if (now == null || now != rows + added.getOrDefault(table, 0L)) {
            changed.add(
                table + " (" + rows + " -> " + (now == null ? "table gone" : now + "") + ")");
          }
        });
    return changed;
  }

  /**
   * Whether the login reaches the central database: the same address as central's, or a connection
   * that lands in the same database of the same running server (another spelling of the host, such
   * as {@code localhost} for {@code 127.0.0.1}).
   */
  private boolean isCentral(DatabaseLogin database) throws SQLException {
    DatabaseAddress address = database.address();
    DatabaseAddress centralAddress = central.address();
    if (address.host().equalsIgnoreCase(centralAddress.host())
        && address.port() == centralAddress.port()
        && address.database().equals(centralAddress.database())) {
      return true;
    }
    try (Connection legacy = database.connect();
        Connection registry = central.connect()) {
      return serverDatabase(legacy).equals(serverDatabase(registry));
    }
  }

  /** A running server's start time and a database's oid and name: the same only for the same. */
  private static String serverDatabase(Connection connection) throws SQLException {
    return oneValue(
        connection,
        "select pg_postmaster_start_time()::text || ' ' || d.oid::text || ' '"
            + " || d.datname from pg_database d where d.datname = current_database()");
  }

  private static String oneValue(Connection connection, String sql) throws SQLException {
    try (Statement query = connection.createStatement();
        ResultSet row = query.executeQuery(sql)) {
      row.next();
      return row.getString(1);
    }
  }

  private static Map<String, Long> counts(Connection connection, SchemaCatalog catalog)
      throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    for (String table : catalog.tables().keySet()) {
      if (DatabaseKind.MIGRATION_HISTORY_TABLE.equals(table)) {
        continue;
      }
      try (Statement query = connection.createStatement();
          ResultSet count = query.executeQuery("select count(*) from " + quote(table))) {
        count.next();
        counts.put(table, count.getLong(1));
      }
    }
    return counts;
  }
}
