package org.ripieno.launcher;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Stream;

/**
 * {@code java -jar target/ripieno.jar}: starts an embedded PostgreSQL when no central database is
 * configured, then Payara Micro with {@code ripieno.war} at the root context. The database must be
 * up before the application deploys, which is why this runs first, outside the application.
 * Arguments are passed on to Payara Micro.
 */
public final class RipienoLauncher {

  private RipienoLauncher() {}

  public static void main(String[] args) throws Exception {
    // Timestamps are UTC everywhere: JVM, JDBC and JSON.
    System.setProperty("user.timezone", "UTC");
    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));

    Path dataDir = LauncherSettings.dataDir();
    Files.createDirectories(dataDir);
    System.setProperty("ripieno.data-dir", dataDir.toString());
    if (!LauncherSettings.centralConfigured()) {
      String url = EmbeddedDatabase.start(dataDir);
      System.out.println("Ripieno: no central database configured; embedded PostgreSQL at " + url);
      System.setProperty("ripieno.central.url", url);
      System.setProperty("ripieno.central.user", EmbeddedDatabase.USER);
    }

    // Payara keeps the deployed application in its runtime directory and would start that stored
    // copy, then replace it with --deploy: a stale version answers first, then requests fail
    // while it is redeployed. Each start begins with an empty runtime directory instead.
    Path payaraRoot = dataDir.resolve("payara");
    deleteRecursively(payaraRoot);

    List<String> payara = new ArrayList<>();
    payara.addAll(
        List.of(
            "--deploy", war().toString(),
            "--contextroot", "/",
            "--port", Integer.toString(LauncherSettings.httpPort()),
            "--rootdir", payaraRoot.toString()));
    if (LauncherSettings.value("ripieno.cluster").map(Boolean::parseBoolean).orElse(false)) {
      System.out.println("Ripieno: Payara clustering on");
    } else {
      payara.add("--nocluster");
    }
    payara.addAll(List.of(args));
    fish.payara.micro.PayaraMicro.main(payara.toArray(String[]::new));
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

  /** {@code ripieno.war} beside this jar, unless {@code ripieno.war} names another. */
  private static Path war() throws URISyntaxException {
    String configured = System.getProperty("ripieno.war");
    if (configured != null) {
      return Path.of(configured).toAbsolutePath();
    }
    Path jar =
        Path.of(RipienoLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path war = jar.resolveSibling("ripieno.war");
    if (!Files.exists(war)) {
      throw new IllegalStateException("No application next to the launcher: " + war);
    }
    return war;
  }
}
