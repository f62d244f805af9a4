package org.ripieno.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Prepares an unpacked WildFly for Ripieno as docs/deployment.md tells an operator to: {@code
 * server-config/wildfly/configure.cli} installs EclipseLink (the jars Maven copies into {@code
 * target/servers/eclipselink}) as the {@code org.eclipse.persistence} module. Once per unpacked
 * server; modules are read when a deployment first needs them, so a running server may be prepared
 * too.
 */
public final class WildFlyModules {

  private WildFlyModules() {}

  public static synchronized void ensureEclipseLink(Path home, Path eclipselinkJars, Path log)
      throws IOException, InterruptedException {
    if (Files.exists(home.resolve("modules/org/eclipse/persistence/main/module.xml"))) {
      return;
    }
    List<String> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(eclipselinkJars)) {
      files.filter(f -> f.toString().endsWith(".jar")).forEach(f -> jars.add(f.toString()));
    }
    if (jars.isEmpty()) {
      throw new IllegalStateException("No EclipseLink jars in " + eclipselinkJars);
    }
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(
                "bash",
                "bin/jboss-cli.sh",
                "--file=" + Path.of("server-config/wildfly/configure.cli").toAbsolutePath(),
                "-Declipselink.jars=" + String.join(":", jars))
            .directory(home.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().remove("JAVA_OPTS");
    builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process cli = builder.start();
    if (!cli.waitFor(2, TimeUnit.MINUTES) || cli.exitValue() != 0) {
      cli.destroyForcibly();
      throw new IllegalStateException("configure.cli failed; see " + log);
    }
  }
}
