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
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.MigrationVersion;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The template database of one PostgreSQL server: an orchestra database at the current schema
 * version with the canonical seed, from which new orchestra databases are cloned ({@code CREATE
 * DATABASE ... TEMPLATE}), which is several times faster than replaying every migration and seed
 * statement. It is never routed to and never registered as an orchestra: it carries no identity
 * marker and accepts no connections once built.
 *
 * <p>Which schema and seed a template holds is written in its database comment; a template whose
 * comment differs from what this code would build is rebuilt. Building takes an exclusive advisory
 * lock on the server and cloning a shared one, so several application instances (and the operator
 * tool) never rebuild a template while another clones it.
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
  private final String seedVersion;
  private final Consumer<EntityManager> seed;

  /**
   * @param server login to the server's maintenance database
   * @param templateName the template database's name on that server
   * @param seedVersion changes whenever {@code seed} would write something else
   * @param seed writes the canonical seed, in a transaction the template opens
   */
  public OrchestraTemplate(
      DatabaseLogin server, String templateName, String seedVersion, Consumer<EntityManager> seed) {
    OrchestraDatabases.requireValidName(templateName);
    this.server = server;
    this.templateName = templateName;
    this.seedVersion = seedVersion;
    this.seed = seed;
  }

  public String name() {
    return templateName;
  }

  /**
   * Builds the template, or rebuilds it when it holds another schema or seed than this code's.
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
   * name. The spare's name carries the version this code's template holds, so only a spare cloned
   * from such a template is ever taken. A rename is atomic: of two runs trying the same spare, one
   * gets it and the other finds it gone and tries the next, or clones.
   *
   * @return true when a spare was renamed, false when none was there (the caller clones)
   */
  public boolean claimSpare(Connection maintenance, SpareDatabases spares, String databaseName)
      throws SQLException {
    OrchestraDatabases.requireValidName(databaseName);
    for (String spare : spares.names(contentVersion())) {
      try (Statement rename = maintenance.createStatement()) {
        rename.execute("ALTER DATABASE \"" + spare + "\" RENAME TO \"" + databaseName + "\"");
        return true;
      } catch (SQLException e) {
        if (!SPARE_NOT_TAKEN.contains(e.getSQLState())) {
          throw e;
        }
        // Gone (another run took it, or it was never made) or in use: the next, else a clone.
      }
    }
    return false;
  }

  /** A database that does not exist; one that another session is connected to. */
  private static final Set<String> SPARE_NOT_TAKEN = Set.of("3D000", "55006");

  /** A database of that name exists already (another instance made the same spare). */
  private static final String DUPLICATE_DATABASE = "42P04";

  /** What {@link #keepSpares} changed. */
  public record SpareChanges(List<String> created, List<String> dropped) {}

  /**
   * Brings the server's spares to what {@code spares} asks for: the template made current first
   * (rebuilt if need be), then every spare that is not wanted (another version's, numbered beyond
   * the count) dropped, and every missing one cloned, under the template's shared lock like any
   * clone.
   */
  public SpareChanges keepSpares(Connection maintenance, SpareDatabases spares)
      throws SQLException {
    ensureCurrent(maintenance);
    String version = contentVersion();
    Set<String> present = new HashSet<>();
    try (PreparedStatement query =
        maintenance.prepareStatement(
            "SELECT datname FROM pg_database WHERE starts_with(datname, ?)")) {
      query.setString(1, spares.namePrefix());
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          present.add(rows.getString(1));
        }
      }
    }
    List<String> dropped = new ArrayList<>();
    for (String name : new TreeSet<>(present)) {
      if (spares.isUnwanted(name, version)) {
        try (Statement drop = maintenance.createStatement()) {
          drop.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
        }
        dropped.add(name);
      }
    }
    List<String> created = new ArrayList<>();
    for (String name : spares.names(version)) {
      if (present.contains(name)) {
        continue;
      }
      try {
        cloneTo(maintenance, name);
        firstSession(name);
        created.add(name);
      } catch (SQLException e) {
        if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
          throw e;
        }
      }
    }
    return new SpareChanges(created, dropped);
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
   * During a rolling upgrade an older instance must not rebuild a newer instance's template (they
   * would take turns rebuilding it); it refuses, and its provisioning stops, resumable by a newer
   * instance.
   */
  private void refuseToDowngrade(Connection maintenance) throws SQLException {
    String comment = comment(maintenance).orElse("");
    Matcher schema = SCHEMA_IN_COMMENT.matcher(comment);
    String ours = Migrations.latestVersion(server.dataSource(), DatabaseKind.ORCHESTRA);
    if (schema.find()
        && MigrationVersion.fromVersion(schema.group(1))
            .isNewerThan(MigrationVersion.fromVersion(ours))) {
      throw new SQLException(
          "The orchestra template "
              + templateName
              + " holds schema "
              + schema.group(1)
              + ", newer than this instance's "
              + ours
              + ": provision from an upgraded instance");
    }
  }

  private static final Pattern SCHEMA_IN_COMMENT = Pattern.compile("; schema ([0-9.]+);");

  /**
   * What a template built by this code holds, as written in its comment; a spare's name carries it
   * ({@link SpareDatabases}).
   */
  public String contentVersion() {
    return "ripieno orchestra template; schema "
        + Migrations.latestVersion(server.dataSource(), DatabaseKind.ORCHESTRA)
        + "; seed "
        + seedVersion;
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

  private static String quoted(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
