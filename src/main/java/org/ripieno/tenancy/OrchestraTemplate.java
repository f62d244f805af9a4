package org.ripieno.tenancy;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The template database of one PostgreSQL server: an orchestra database at the current schema
 * version with the canonical seed, from which new orchestra databases are cloned ({@code CREATE
 * DATABASE ... TEMPLATE}), which is several times faster than replaying every migration and seed
 * statement. It is never routed to and never registered as an orchestra: it carries no identity
 * marker and accepts no connections once built.
 *
 * <p>Which schema and seed a template holds is written in its database comment ({@link
 * TemplateVersion}); a template whose comment differs from what this code would build is rebuilt,
 * unless it is a newer release's (a newer schema, or the same schema and a newer seed revision):
 * then this instance refuses, so that two releases' instances never rebuild it back and forth
 * during a rolling upgrade. Building takes an exclusive advisory lock on the server and cloning a
 * shared one, so several application instances (and the operator tool) never rebuild a template
 * while another clones it.
 */
public final class OrchestraTemplate {

  private static final Logger LOG = Logger.getLogger(OrchestraTemplate.class.getName());
  private static final AtomicInteger SESSIONS = new AtomicInteger();

  /**
   * Advisory lock key on the maintenance database: "ripieno template" in ASCII, shortened. Building
   * holds it exclusively, cloning shared; an operator sees who waits for it in {@code pg_locks}.
   */
  public static final long LOCK_KEY = 0x7269_7069_656e_6f74L;

  private final DatabaseLogin server;
  private final String templateName;
  private final int seedRevision;
  private final String seedContent;
  private final Consumer<EntityManager> seed;

  /**
   * @param server login to the server's maintenance database
   * @param templateName the template database's name on that server
   * @param seedRevision goes up with every release whose {@code seed} writes something else: orders
   *     the templates of two releases with the same schema
   * @param seedContent changes whenever {@code seed} would write something else
   * @param seed writes the canonical seed, in a transaction the template opens
   */
  public OrchestraTemplate(
      DatabaseLogin server,
      String templateName,
      int seedRevision,
      String seedContent,
      Consumer<EntityManager> seed) {
    OrchestraDatabases.requireValidName(templateName);
    this.server = server;
    this.templateName = templateName;
    this.seedRevision = seedRevision;
    this.seedContent = seedContent;
    this.seed = seed;
  }

  public String name() {
    return templateName;
  }

  /**
   * Builds the template, or rebuilds it when it holds another schema or seed than this code's;
   * refuses (an {@link SQLException}) when it holds a newer release's ({@link #refuseToDowngrade}).
   *
   * @return true when it was (re)built, false when it was current
   */
  public boolean ensureCurrent() throws SQLException {
    try (Connection maintenance = server.connect()) {
      return ensureCurrent(maintenance);
    }
  }

  /** As {@link #ensureCurrent()}, over a connection to the server's maintenance database. */
  public boolean ensureCurrent(Connection maintenance) throws SQLException {
    {
      if (isCurrent(maintenance)) {
        return false;
      }
      lock(maintenance, "pg_advisory_lock");
      try {
        if (isCurrent(maintenance)) {
          return false; // another instance built it while we waited
        }
        refuseToDowngrade(maintenance);
        long started = System.nanoTime();
        rebuild(maintenance);
        LOG.info(
            () ->
                "Built orchestra template "
                    + templateName
                    + " on "
                    + server.address().host()
                    + ":"
                    + server.address().port()
                    + " in "
                    + (System.nanoTime() - started) / 1_000_000
                    + " ms ("
                    + contentVersion()
                    + ")");
        return true;
      } finally {
        lock(maintenance, "pg_advisory_unlock");
      }
    }
  }

  /**
   * Creates a database as a copy of the template, which must be current ({@link #ensureCurrent}).
   */
  public void cloneTo(String databaseName) throws SQLException {
    try (Connection maintenance = server.connect()) {
      cloneTo(maintenance, databaseName);
    }
  }

  /** As {@link #cloneTo(String)}, over a connection to the server's maintenance database. */
  public void cloneTo(Connection maintenance, String databaseName) throws SQLException {
    OrchestraDatabases.requireValidName(databaseName);
    {
      lock(maintenance, "pg_advisory_lock_shared");
      try {
        if (!isCurrent(maintenance)) {
          throw new SQLException(
              "The orchestra template "
                  + templateName
                  + " is missing or out of date on "
                  + server
                  + "; it is rebuilt at start-up or by the next provisioning");
        }
        try (Statement create = maintenance.createStatement()) {
          create.execute(
              "CREATE DATABASE \"" + databaseName + "\" TEMPLATE \"" + templateName + "\"");
        }
      } finally {
        lock(maintenance, "pg_advisory_unlock_shared");
      }
    }
  }

  /**
   * Renames a spare clone of this template, made ahead of time ({@link #keepSpares}), to the given
   * name, and opens it to connections. The spare's name carries the version this code's template
   * holds, and the claim holds the template's shared lock and requires the template to be at that
   * version, as a clone does: an older instance never takes its spare once a newer one rebuilt the
   * template (it clones, and stops like a clone would). Only spares the current role owns and that
   * nobody is connected to are candidates. A rename is atomic: of two runs trying the same spare,
   * one gets it and the other finds it gone and tries the next, or clones.
   *
   * <p>Costs the run one lock and one catalog query more than the rename. Any failure but a lost
   * connection means "no spare": logged once per SQLState, and the caller clones.
   *
   * @return true when a spare was renamed, false when none was there (the caller clones)
   */
  public boolean claimSpare(Connection maintenance, SpareDatabases spares, String databaseName)
      throws SQLException {
    OrchestraDatabases.requireValidName(databaseName);
    List<String> names = spares.names(contentVersion());
    if (names.isEmpty()) {
      return false;
    }
    Set<String> tried = new HashSet<>();
    boolean autoCommit = maintenance.getAutoCommit();
    maintenance.setAutoCommit(false);
    try {
      while (true) {
        // The transaction's lock ends with it: no unlock to forget when a rename fails.
        lock(maintenance, "pg_advisory_xact_lock_shared");
        Optional<String> spare = claimableSpare(maintenance, names, tried);
        if (spare.isEmpty()) {
          maintenance.rollback();
          return false;
        }
        try (Statement rename = maintenance.createStatement()) {
          rename.execute(
              "ALTER DATABASE \"" + spare.get() + "\" RENAME TO \"" + databaseName + "\"");
          rename.execute("ALTER DATABASE \"" + databaseName + "\" WITH ALLOW_CONNECTIONS true");
          maintenance.commit();
          return true;
        } catch (SQLException e) {
          if (sessionLost(e, maintenance)) {
            throw e; // the run fails as any step whose session is lost, and is resumed
          }
          maintenance.rollback();
          tried.add(spare.get());
          if (!SPARE_NOT_TAKEN.contains(e.getSQLState()) && claimProblems.add(e.getSQLState())) {
            LOG.warning(
                () ->
                    "Claiming the spare database "
                        + spare.get()
                        + " failed ("
                        + e.getSQLState()
                        + ": "
                        + e.getMessage()
                        + "); provisioning clones from the template instead");
          }
        }
      }
    } finally {
      if (!maintenance.isClosed()) {
        maintenance.setAutoCommit(autoCommit);
      }
    }
  }

  /** The session is gone or going: a lost connection (08), or terminated or shut down (57P). */
  private static boolean sessionLost(SQLException e, Connection maintenance) throws SQLException {
    String state = e.getSQLState();
    return state == null
        || state.startsWith("08")
        || state.startsWith("57P")
        || maintenance.isClosed();
  }

  /** SQLStates of failed claims already logged: a misconfiguration is told once, not each run. */
  private final Set<String> claimProblems = ConcurrentHashMap.newKeySet();

  /**
   * The first of the names that is a spare owned by the current role, with no session on it, while
   * the template holds this code's version; empty otherwise.
   */
  private Optional<String> claimableSpare(
      Connection maintenance, List<String> names, Set<String> tried) throws SQLException {
    try (PreparedStatement query =
        maintenance.prepareStatement(
            "SELECT d.datname FROM pg_database d"
                + " WHERE d.datname = ANY (?) AND NOT d.datname = ANY (?)"
                + " AND d.datdba = (SELECT oid FROM pg_roles WHERE rolname = current_user)"
                + " AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datid = d.oid)"
                + " AND EXISTS (SELECT 1 FROM pg_database t WHERE t.datname = ?"
                + " AND shobj_description(t.oid, 'pg_database') = ?)"
                + " ORDER BY d.datname LIMIT 1")) {
      query.setArray(1, maintenance.createArrayOf("text", names.toArray()));
      query.setArray(2, maintenance.createArrayOf("text", tried.toArray()));
      query.setString(3, templateName);
      query.setString(4, contentVersion());
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
      }
    }
  }

  /** A database that does not exist; one that another session is connected to. */
  private static final Set<String> SPARE_NOT_TAKEN = Set.of("3D000", "55006");

  /**
   * A database of that name exists already: 42P04 when it was committed before, 23505 (on
   * pg_database's name index) when another session creates or renames to it at the same moment.
   */
  private static final Set<String> DUPLICATE_DATABASE = Set.of("42P04", "23505");

  /**
   * Advisory lock key of the spare pass on the maintenance database ("ripieno spares", shortened):
   * one pass per server at a time, across every instance; a pass that finds it taken skips.
   */
  public static final long SPARES_KEY = 0x7269_7069_7370_6172L;

  /**
   * What {@link #keepSpares} did.
   *
   * @param skipped why the pass did nothing, or null when it ran
   */
  public record SpareChanges(List<String> created, List<String> dropped, String skipped) {
    static SpareChanges skipped(String why) {
      return new SpareChanges(List.of(), List.of(), why);
    }

    /** Whether the pass ran, and so found the template at this code's version. */
    public boolean templateCurrent() {
      return skipped == null;
    }
  }

  private static final String TEMPLATE_NOT_CURRENT =
      "the template is missing or at another version";

  /**
   * Brings the server's spares to what {@code spares} asks for: every spare of this role that is
   * not wanted (another version's, numbered beyond the count, or left half-made) dropped, and every
   * missing one cloned, under the template's shared lock like any clone. It never builds the
   * template: when the template is not at this code's version (missing, or rebuilt by an instance
   * of another release) it does nothing, so instances of two releases never undo each other's work.
   * One pass per server at a time across instances ({@link #SPARES_KEY}); a pass that finds another
   * running skips. With no spares wanted and none there, it costs one catalog query.
   *
   * <p>A spare is made under a name no claim looks for ({@link SpareDatabases#makingName}), its
   * first session paid and its content checked, closed to connections, and only then renamed to its
   * claimable name: a run never takes a half-made spare, and a monitoring session never makes a
   * claim wait.
   */
  public SpareChanges keepSpares(Connection maintenance, SpareDatabases spares)
      throws SQLException {
    Map<String, Boolean> present = presentSpares(maintenance, spares); // name -> owned by us
    if (spares.count() == 0 && present.isEmpty()) {
      return SpareChanges.skipped("no spares wanted and none there");
    }
    if (!tryLock(maintenance, SPARES_KEY)) {
      return SpareChanges.skipped("another pass is running");
    }
    try {
      if (!isCurrent(maintenance)) {
        return SpareChanges.skipped(TEMPLATE_NOT_CURRENT);
      }
      String version = contentVersion();
      List<String> dropped = new ArrayList<>();
      for (Map.Entry<String, Boolean> spare : present.entrySet()) {
        // Another role's spare cannot be dropped (42501): left alone, and never claimed.
        if (spare.getValue() && spares.isUnwanted(spare.getKey(), version)) {
          drop(maintenance, spare.getKey());
          dropped.add(spare.getKey());
        }
      }
      List<String> created = new ArrayList<>();
      for (int index = 1; index <= spares.count(); index++) {
        String name = spares.name(version, index);
        if (!present.containsKey(name) && make(maintenance, spares, version, index)) {
          created.add(name);
        }
      }
      return new SpareChanges(created, dropped, null);
    } finally {
      unlock(maintenance, SPARES_KEY);
    }
  }

  /** Makes the spare; false when another made it meanwhile (an instance of an older release). */
  private boolean make(Connection maintenance, SpareDatabases spares, String version, int index)
      throws SQLException {
    String making = spares.makingName(version, index);
    String name = spares.name(version, index);
    cloneTo(maintenance, making);
    try {
      firstSession(making);
      try (Statement statement = maintenance.createStatement()) {
        statement.execute("ALTER DATABASE \"" + making + "\" WITH ALLOW_CONNECTIONS false");
        statement.execute("ALTER DATABASE \"" + making + "\" RENAME TO \"" + name + "\"");
      }
      return true;
    } catch (SQLException e) {
      // Half-made, or carrying a marker it must not have: never left to be claimed.
      try {
        drop(maintenance, making);
      } catch (SQLException dropFailed) {
        e.addSuppressed(dropFailed); // the next pass drops it, as a half-made spare
      }
      if (DUPLICATE_DATABASE.contains(e.getSQLState())) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Spares of any version and half-made ones on the server, and whether the current role owns each.
   */
  private static Map<String, Boolean> presentSpares(Connection maintenance, SpareDatabases spares)
      throws SQLException {
    Map<String, Boolean> present = new TreeMap<>();
    try (PreparedStatement query =
        maintenance.prepareStatement(
            "SELECT d.datname, d.datdba = (SELECT oid FROM pg_roles WHERE rolname = current_user)"
                + " FROM pg_database d WHERE starts_with(d.datname, ?)")) {
      query.setString(1, spares.namePrefix());
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          if (spares.isSpare(rows.getString(1))) {
            present.put(rows.getString(1), rows.getBoolean(2));
          }
        }
      }
    }
    return present;
  }

  private static void drop(Connection maintenance, String database) throws SQLException {
    try (Statement drop = maintenance.createStatement()) {
      drop.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
    }
  }

  /**
   * A new database's first session builds PostgreSQL's cache of its catalog (the relation cache's
   * init file, kept in the database's directory, so a rename keeps it): paid here, off the path of
   * the provisioning that claims the spare and of the first look at the orchestra. The session also
   * checks that the spare carries no identity marker, as a clone of the template must.
   */
  private void firstSession(String spare) throws SQLException {
    try (Connection session = server.forDatabase(spare, "ripieno:spare").connect()) {
      if (IdentityMarker.read(session).isPresent()) {
        throw new SQLException("The spare database " + spare + " carries an identity marker");
      }
    }
  }

  private boolean isCurrent(Connection maintenance) throws SQLException {
    return contentVersion().equals(comment(maintenance).orElse(null));
  }

  /**
   * During a rolling upgrade an older instance must not rebuild a newer instance's template, of a
   * newer schema or, with the same schema, a newer seed revision (they would take turns rebuilding
   * it); it refuses, and its provisioning stops, resumable by a newer instance. A comment this
   * release cannot read is taken for a later release's ({@link TemplateVersion#whatIsNewerIn}).
   */
  private void refuseToDowngrade(Connection maintenance) throws SQLException {
    Optional<String> newer = version().whatIsNewerIn(comment(maintenance).orElse(null));
    if (newer.isPresent()) {
      throw new SQLException(
          "The orchestra template "
              + templateName
              + " holds "
              + newer.get()
              + ": provision from an upgraded instance");
    }
  }

  /** What a template built by this code holds. */
  public TemplateVersion version() {
    return new TemplateVersion(
        Migrations.latestVersion(server.dataSource(), DatabaseKind.ORCHESTRA),
        seedRevision,
        seedContent);
  }

  /**
   * What a template built by this code holds, as written in its comment; a spare's name carries it
   * ({@link SpareDatabases}).
   */
  public String contentVersion() {
    return version().comment();
  }

  private Optional<String> comment(Connection maintenance) throws SQLException {
    try (PreparedStatement query =
        maintenance.prepareStatement(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = ?")) {
      query.setString(1, templateName);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
      }
    }
  }

  private void rebuild(Connection maintenance) throws SQLException {
    try (Statement statement = maintenance.createStatement()) {
      if (OrchestraDatabases.exists(maintenance, templateName)) {
        statement.execute("ALTER DATABASE \"" + templateName + "\" IS_TEMPLATE false");
        statement.execute("DROP DATABASE \"" + templateName + "\" WITH (FORCE)");
      }
      statement.execute("CREATE DATABASE \"" + templateName + "\"");
      PGSimpleDataSource template =
          server.forDatabase(templateName, "ripieno:template").dataSource();
      Migrations.migrate(template, DatabaseKind.ORCHESTRA);
      seed(template);
      // The comment last: a build that stopped half-way is never taken for a current template.
      statement.execute(
          "ALTER DATABASE \"" + templateName + "\" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false");
      statement.execute(
          "COMMENT ON DATABASE \"" + templateName + "\" IS " + quoted(contentVersion()));
    }
  }

  private void seed(PGSimpleDataSource template) {
    EntityManagerFactory factory =
        UnitFactories.create(
            DatabaseKind.ORCHESTRA, template, "ripieno-template-" + SESSIONS.incrementAndGet());
    try {
      EntityManager entityManager = factory.createEntityManager();
      EntityTransaction transaction = entityManager.getTransaction();
      try {
        transaction.begin();
        seed.accept(entityManager);
        transaction.commit();
      } finally {
        if (transaction.isActive()) {
          transaction.rollback();
        }
        entityManager.close();
      }
    } finally {
      factory.close();
    }
  }

  private static void lock(Connection maintenance, String function) throws SQLException {
    try (Statement statement = maintenance.createStatement()) {
      statement.execute("SELECT " + function + "(" + LOCK_KEY + ")");
    }
  }

  private static boolean tryLock(Connection maintenance, long key) throws SQLException {
    try (Statement statement = maintenance.createStatement();
        ResultSet row = statement.executeQuery("SELECT pg_try_advisory_lock(" + key + ")")) {
      return row.next() && row.getBoolean(1);
    }
  }

  private static void unlock(Connection maintenance, long key) throws SQLException {
    try (Statement statement = maintenance.createStatement()) {
      statement.execute("SELECT pg_advisory_unlock(" + key + ")");
    }
  }

  private static String quoted(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
