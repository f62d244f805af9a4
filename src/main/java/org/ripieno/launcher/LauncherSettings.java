package org.ripieno.launcher;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The few keys the launcher needs before MicroProfile Config exists, looked up the way MicroProfile
 * Config does: system property first, then the environment variable ({@code ripieno.http.port} as
 * {@code RIPIENO_HTTP_PORT}).
 */
final class LauncherSettings {

  private LauncherSettings() {}

  static Optional<String> value(String key) {
    String property = System.getProperty(key);
    if (property != null && !property.isBlank()) {
      return Optional.of(property);
    }
    String variable = key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    return Optional.ofNullable(System.getenv(variable)).filter(v -> !v.isBlank());
  }

  static Path dataDir() {
    return Path.of(value("ripieno.data-dir").orElse("ripieno-data")).toAbsolutePath().normalize();
  }

  static int httpPort() {
    String port = value("ripieno.http.port").orElse("8080");
    try {
      return Integer.parseInt(port.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("ripieno.http.port must be a port number, not " + port);
    }
  }

  static boolean centralConfigured() {
    return value("ripieno.central.url").isPresent();
  }
}
