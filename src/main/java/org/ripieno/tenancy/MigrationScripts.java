package org.ripieno.tenancy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.ClassProvider;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.scanner.Scanner;

/**
 * The migrations of one kind of database, found on the classpath once and held in memory. Without
 * it every Flyway built scans its locations and reads each script again, for every command: a fleet
 * migration built three per orchestra database, and the scan and the reads were most of the JVM's
 * work per database. The scripts of a deployed application never change, so the first scan is as
 * good as any later one.
 *
 * <p>The one scan is Flyway's own {@link Scanner} (the class Flyway uses when no provider is set),
 * so the same files are found in a directory, a jar or a server's archive. Each script's text is
 * read once through the scanner's resource, with the configured encoding, and handed out unchanged:
 * the checksums Flyway computes from it are those of its own scan. {@code Scanner} is in Flyway's
 * internal package: an upgrade of Flyway must check this class (MigrationsIT compares its checksums
 * with those of Flyway's own scan).
 */
final class MigrationScripts implements ResourceProvider, ClassProvider<JavaMigration> {

  private final List<LoadableResource> resources;
  private final List<Class<? extends JavaMigration>> classes;

  private MigrationScripts(
      List<LoadableResource> resources, List<Class<? extends JavaMigration>> classes) {
    this.resources = resources;
    this.classes = classes;
  }

  /** Scans the configuration's locations once and reads every resource found there. */
  static MigrationScripts scan(Configuration configuration) {
    Scanner<JavaMigration> scanner =
        new Scanner<>(JavaMigration.class, configuration, configuration.getLocations());
    List<LoadableResource> read = new ArrayList<>();
    for (LoadableResource resource : scanner.getResources("", "")) {
      read.add(new HeldResource(resource));
    }
    return new MigrationScripts(List.copyOf(read), List.copyOf(scanner.getClasses()));
  }

  /**
   * The resource of that relative path, or of that absolute path on disk; case is ignored, as
   * Flyway's scanner ignores it.
   */
  @Override
  public LoadableResource getResource(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (LoadableResource resource : resources) {
      if (resource.getRelativePath().toLowerCase(Locale.ROOT).equals(lower)) {
        return resource;
      }
    }
    if (Paths.get(name).isAbsolute()) {
      for (LoadableResource resource : resources) {
        String onDisk = resource.getAbsolutePathOnDisk();
        if (onDisk != null && onDisk.toLowerCase(Locale.ROOT).equals(lower)) {
          return resource;
        }
      }
    }
    return null;
  }

  /** The resources whose file name starts with the prefix and ends with one of the suffixes. */
  @Override
  public Collection<LoadableResource> getResources(String prefix, String... suffixes) {
    List<LoadableResource> matching = new ArrayList<>();
    for (LoadableResource resource : resources) {
      if (matches(resource.getFilename(), prefix, suffixes)) {
        matching.add(resource);
      }
    }
    return matching;
  }

  /** Flyway's own rule for its scanner: the suffix ignores case and is not the whole name. */
  static boolean matches(String fileName, String prefix, String... suffixes) {
    if (!prefix.isEmpty() && !fileName.startsWith(prefix)) {
      return false;
    }
    String upper = fileName.toUpperCase(Locale.ROOT);
    for (String suffix : suffixes) {
      if (upper.endsWith(suffix.toUpperCase(Locale.ROOT))
          && fileName.length() > prefix.length() + suffix.length()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Collection<Class<? extends JavaMigration>> getClasses() {
    return classes;
  }

  /** A resource whose text was read once; its names are those the scanner gave it. */
  private static final class HeldResource extends LoadableResource {

    private final String absolutePath;
    private final String absolutePathOnDisk;
    private final String filename;
    private final String relativePath;
    private final String text;

    HeldResource(LoadableResource scanned) {
      this.absolutePath = scanned.getAbsolutePath();
      this.absolutePathOnDisk = scanned.getAbsolutePathOnDisk();
      this.filename = scanned.getFilename();
      this.relativePath = scanned.getRelativePath();
      StringBuilder text = new StringBuilder();
      try (Reader reader = scanned.read()) {
        char[] buffer = new char[8192];
        for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
          text.append(buffer, 0, n);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the migration " + absolutePath, e);
      }
      this.text = text.toString();
    }

    @Override
    public Reader read() {
      return new StringReader(text);
    }

    @Override
    public String getAbsolutePath() {
      return absolutePath;
    }

    @Override
    public String getAbsolutePathOnDisk() {
      return absolutePathOnDisk;
    }

    @Override
    public String getFilename() {
      return filename;
    }

    @Override
    public String getRelativePath() {
      return relativePath;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof HeldResource held && absolutePath.equals(held.absolutePath);
    }

    @Override
    public int hashCode() {
      return absolutePath.hashCode();
    }
  }
}
