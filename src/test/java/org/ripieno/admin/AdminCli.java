package org.ripieno.admin;

import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ripieno.datasafety.JsonDocuments;
import org.ripieno.tenancy.DatabaseLogin;

/**
 * {@code ripieno-admin} run in-process for tests: its configuration in a properties file (as an
 * operator's {@code --config}), no environment, and the exit status with what it printed.
 */
public final class AdminCli {

  /** A fixed key for secrets at rest, shared with an application started by a test. */
  public static final String SECRET_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

  private final Path config;

  /** What one run ended with. */
  public record Result(int exitCode, String out, String err) {
    public JsonObject json() {
      return JsonDocuments.parseObject(out);
    }

    /** Both streams, for assertion messages. */
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private AdminCli(Path config) {
    this.config = config;
  }

  /** Configured for this central database, the test key, and a data directory of its own. */
  public static AdminCli forCentral(DatabaseLogin central, Path workDir) throws IOException {
    Path config = workDir.resolve("ripieno-admin.properties");
    Files.createDirectories(workDir);
    Files.writeString(
        config,
        "ripieno.central.url="
            + central.address().jdbcUrl()
            + "\nripieno.central.user="
            + central.user()
            + "\nripieno.secret-key="
            + SECRET_KEY
            + "\nripieno.data-dir="
            + workDir.resolve("data")
            + "\n");
    return new AdminCli(config);
  }

  /**
   * Configured for this central database and a data directory of its own, with no {@code
   * ripieno.secret-key}: the key is the data directory's {@code secret.key}, if there is one.
   */
  public static AdminCli forCentralWithoutKey(DatabaseLogin central, Path workDir)
      throws IOException {
    Path config = workDir.resolve("ripieno-admin.properties");
    Files.createDirectories(workDir);
    Files.writeString(
        config,
        "ripieno.central.url="
            + central.address().jdbcUrl()
            + "\nripieno.central.user="
            + central.user()
            + "\nripieno.data-dir="
            + workDir.resolve("data")
            + "\n");
    return new AdminCli(config);
  }

  public Path config() {
    return config;
  }

  /** Runs the command with {@code --config} appended. */
  public Result run(String... args) {
    List<String> arguments = new ArrayList<>(List.of(args));
    arguments.add("--config");
    arguments.add(config.toString());
    return runWithout(arguments.toArray(String[]::new));
  }

  /** Runs exactly these arguments. */
  public static Result runWithout(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exitCode;
    try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exitCode = RipienoAdmin.run(args, outStream, errStream, Map.of());
    }
    return new Result(
        exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
