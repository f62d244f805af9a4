package org.ripieno.deployment;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ripieno.testing.WildFlyModules;

/**
 * A stock application server (unpacked by Maven into {@code target/servers}) running {@code
 * target/ripieno.war} as a separate process, configured the way docs/deployment.md tells an
 * operator to: by the committed scripts in {@code server-config/}. Closing it stops the server.
 */
final class ServerProcess implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static final Duration BOOT_LIMIT = Duration.ofSeconds(180);

  private final String name;
  private final int httpPort;
  private final Path log;
  private final Duration bootTime;
  private final AutoCloseable stop;

  private ServerProcess(
      String name, int httpPort, Path log, Duration bootTime, AutoCloseable stop) {
    this.name = name;
    this.httpPort = httpPort;
    this.log = log;
    this.bootTime = bootTime;
    this.stop = stop;
  }

  /**
   * WildFly with {@code standalone-microprofile.xml}: {@code server-config/wildfly/configure.cli}
   * installs EclipseLink once per unpacked server; each start gets a fresh copy of the standalone
   * directory (configuration, no state of earlier runs) with the WAR in its deployments, and a port
   * offset of its own. Ready when the management interface's readiness (which includes Ripieno's
   * checks) answers 200.
   */
  static ServerProcess wildFly(
      Path home, Path eclipselinkJars, Path war, Map<String, String> environment, Path work)
      throws Exception {
    long started = System.nanoTime();
    Path log = work.resolve("wildfly.log");
    deleteRecursively(work);
    Files.createDirectories(work);
    WildFlyModules.ensureEclipseLink(home, eclipselinkJars, work.resolve("configure.log"));
    Path base = work.resolve("standalone");
    copyRecursively(home.resolve("standalone/configuration"), base.resolve("configuration"));
    Files.createDirectories(base.resolve("deployments"));
    Files.copy(war, base.resolve("deployments/ripieno.war"));
    int offset = freeOffset(8080, 8443, 8009, 9990, 9993, 4712, 4713);
    Map<String, String> env = environment(environment);
    env.put("JAVA_OPTS", "-XX:+UseSerialGC -Xmx512m -XX:TieredStopAtLevel=1 -Duser.timezone=UTC");
    Process process =
        start(
            log,
            home,
            env,
            "bash",
            "bin/standalone.sh",
            "-c",
            "standalone-microprofile.xml",
            "-Djboss.server.base.dir=" + base,
            "-Djboss.socket.binding.port-offset=" + offset);
    AutoCloseable stop = () -> stopProcessTree(process);
    awaitReady(
        "WildFly",
        URI.create("http://localhost:" + (9990 + offset) + "/health/ready"),
        process,
        log,
        stop);
    return new ServerProcess(
        "WildFly", 8080 + offset, log, Duration.ofNanos(System.nanoTime() - started), stop);
  }

  /**
   * Payara Server: a new domain (its own port base) for each start, started with the environment
   * that carries Ripieno's configuration, configured by {@code
   * server-config/payara-server/configure.asadmin}, then the WAR deployed at the root context.
   */
  static ServerProcess payaraServer(Path home, Path war, Map<String, String> environment, Path work)
      throws Exception {
    long started = System.nanoTime();
    Path log = work.resolve("asadmin.log");
    deleteRecursively(work);
    Files.createDirectories(work);
    Path domains = work.resolve("domains");
    int base = freeOffset(48, 80, 81, 37, 38, 39, 76, 86, 66, 9);
    String adminPort = Integer.toString(base + 48);
    Map<String, String> env = environment(environment);
    asadmin(
        log,
        home,
        env,
        "create-domain",
        "--nopassword",
        "--portbase",
        Integer.toString(base),
        "--domaindir",
        domains.toString(),
        "ripieno");
    AutoCloseable stop =
        () -> asadmin(log, home, env, "stop-domain", "--domaindir", domains.toString(), "ripieno");
    try {
      asadmin(log, home, env, "start-domain", "--domaindir", domains.toString(), "ripieno");
      asadmin(
          log,
          home,
          env,
          "--port",
          adminPort,
          "multimode",
          "--file",
          Path.of("server-config/payara-server/configure.asadmin").toAbsolutePath().toString());
      // A restart makes the JVM option take effect and starts the reconfigured HTTP listener
      // afresh: a deployment racing its reconfiguration once left the listener serving nothing.
      asadmin(log, home, env, "restart-domain", "--domaindir", domains.toString(), "ripieno");
      asadmin(
          log,
          home,
          env,
          "--port",
          adminPort,
          "deploy",
          "--contextroot",
          "/",
          "--name",
          "ripieno",
          war.toString());
    } catch (Exception | Error e) {
      stop.close();
      throw e;
    }
    Path serverLog = domains.resolve("ripieno/logs/server.log");
    awaitReady(
        "Payara Server",
        URI.create("http://localhost:" + (base + 80) + "/health/ready"),
        null,
        serverLog,
        stop);
    return new ServerProcess(
        "Payara Server", base + 80, serverLog, Duration.ofNanos(System.nanoTime() - started), stop);
  }

  URI uri(String path) {
    return URI.create("http://localhost:" + httpPort + path);
  }

  String name() {
    return name;
  }

  /** From the first command to readiness: configuration, server start and deployment. */
  Duration bootTime() {
    return bootTime;
  }

  Path log() {
    return log;
  }

  @Override
  public void close() throws Exception {
    stop.close();
  }

  /** The test JVM's environment less Ripieno's keys, plus the given ones and this JVM's Java. */
  private static Map<String, String> environment(Map<String, String> ripieno) {
    Map<String, String> env = new java.util.HashMap<>(System.getenv());
    env.keySet().removeIf(key -> key.startsWith("RIPIENO_"));
    env.remove("JAVA_OPTS");
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.putAll(ripieno);
    return env;
  }

  private static Process start(Path log, Path dir, Map<String, String> env, String... command)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return builder.start();
  }

  /** Runs a command of the server's tools to its end; fails on a non-zero exit. */
  /** One {@code asadmin} command of the Payara Server in {@code home}, as {@link #run} runs it. */
  private static void asadmin(Path log, Path home, Map<String, String> env, String... arguments)
      throws IOException, InterruptedException {
    String[] command = new String[arguments.length + 2];
    command[0] = "bash";
    command[1] = "bin/asadmin";
    System.arraycopy(arguments, 0, command, 2, arguments.length);
    run(log, home, env, command);
  }

  private static void run(Path log, Path dir, Map<String, String> env, String... command)
      throws IOException, InterruptedException {
    Process process = start(log, dir, env, command);
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      stopProcessTree(process);
      throw new IllegalStateException(String.join(" ", command) + " did not end; see " + log);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " exited with " + process.exitValue() + "; see " + log);
    }
  }

  private static void awaitReady(
      String name, URI readiness, Process process, Path log, AutoCloseable stop) throws Exception {
    long deadline = System.nanoTime() + BOOT_LIMIT.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        if (process != null && !process.isAlive()) {
          throw new IllegalStateException(
              name + " exited with " + process.exitValue() + "; see " + log);
        }
        try {
          HttpResponse<Void> answer =
              HTTP.send(
                  HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(10)).build(),
                  HttpResponse.BodyHandlers.discarding());
          if (answer.statusCode() == 200) {
            return;
          }
        } catch (IOException notYet) {
          // not listening yet
        }
        Thread.sleep(250);
      }
      throw new IllegalStateException(
          name + ": " + readiness + " did not answer 200 within " + BOOT_LIMIT + "; see " + log);
    } catch (Exception | Error e) {
      stop.close();
      throw e;
    }
  }

  /** The launch script and the JVM it started (SIGTERM first, so the server shuts down). */
  private static void stopProcessTree(Process process) throws InterruptedException {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(60, TimeUnit.SECONDS);
      } catch (Exception stillRunning) {
        handle.destroyForcibly();
      }
    }
  }

  /** A random offset at which every given port (plus the offset) is free. */
  private static int freeOffset(int... ports) {
    for (int attempt = 0; attempt < 100; attempt++) {
      int offset = 100 * ThreadLocalRandom.current().nextInt(150, 400);
      boolean free = true;
      for (int port : ports) {
        free &= isFree(port + offset);
      }
      if (free) {
        return offset;
      }
    }
    throw new IllegalStateException("No free range of ports for an application server");
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  private static void copyRecursively(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
