package org.ripieno.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * A real PostgreSQL (zonky's binaries from Maven) whose data lives in the data directory and
 * survives restarts, for running Ripieno with nothing configured. Its port is kept in {@code
 * postgres/port}, so the operators' command line finds it while the application runs.
 *
 * <p>PostgreSQL refuses to run as root; zonky then runs it in a user namespace ({@code unshare}
 * from util-linux must be installed).
 */
public final class EmbeddedDatabase {

  public static final String DATABASE = "ripieno";
  public static final String USER = "postgres";

  private EmbeddedDatabase() {}

  /** A server this process started; closing it stops the server. */
  public record Started(String url, Closeable server) implements Closeable {
    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  /** Starts the server (stopped again when the JVM exits) and returns its JDBC URL. */
  static String start(Path dataDir) throws IOException, SQLException {
    return open(dataDir).url();
  }

  /** Whether the data directory holds an embedded database cluster (started at least once). */
  public static boolean exists(Path dataDir) {
    return Files.exists(dataDir.resolve("postgres").resolve("data").resolve("PG_VERSION"));
  }

  /**
   * The JDBC URL of the embedded server while another process (the application) runs it: the port
   * it wrote to {@code postgres/port} answers as PostgreSQL with the {@value #DATABASE} database.
   */
  public static Optional<String> running(Path dataDir) {
    Path portFile = dataDir.resolve("postgres").resolve("port");
    if (!Files.exists(portFile)) {
      return Optional.empty();
    }
    int port;
    try {
      port = Integer.parseInt(Files.readString(portFile).trim());
    } catch (IOException | NumberFormatException unreadable) {
      return Optional.empty();
    }
    if (isFree(port)) {
      return Optional.empty();
    }
    String url = "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    Properties login = new Properties();
    login.setProperty("user", USER);
    login.setProperty("connectTimeout", "5");
    try (Connection connection = DriverManager.getConnection(url, login)) {
      return Optional.of(url);
    } catch (SQLException notPostgres) {
      return Optional.empty();
    }
  }

  /** Starts the server in the data directory and keeps the handle, to stop it again by close. */
  public static Started open(Path dataDir) throws IOException, SQLException {
    Path home = dataDir.resolve("postgres");
    Path binaries = home.resolve("binaries");
    Files.createDirectories(binaries);
    int port = port(home);
    EmbeddedPostgres postgres = startOn(home, binaries, port);
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      try (ResultSet exists =
          statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
        if (!exists.next()) {
          statement.execute("CREATE DATABASE " + DATABASE);
        }
      }
    }
    return new Started("jdbc:postgresql://localhost:" + port + "/" + DATABASE, postgres);
  }

  private static EmbeddedPostgres startOn(Path home, Path binaries, int port) throws IOException {
    return EmbeddedPostgres.builder()
        .setOverrideWorkingDirectory(binaries.toFile())
        .setDataDirectory(home.resolve("data"))
        .setCleanDataDirectory(false)
        .setPort(port)
        .setPGStartupWait(Duration.ofSeconds(30))
        .start();
  }

  /** The port chosen on first start, or a new one when it is taken by something else now. */
  private static int port(Path home) throws IOException {
    Path portFile = home.resolve("port");
    if (Files.exists(portFile)) {
      int saved = Integer.parseInt(Files.readString(portFile).trim());
      if (isFree(saved)) {
        return saved;
      }
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Files.writeString(portFile, Integer.toString(port));
    return port;
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
