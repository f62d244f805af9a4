package org.ripieno.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import org.flywaydb.core.api.resource.LoadableResource;
import org.junit.jupiter.api.Test;

class MigrationScriptsTest {

  private final MigrationScripts scripts =
      MigrationScripts.scan(Migrations.flywayConfiguration(null, DatabaseKind.ORCHESTRA));

  @Test
  void holdsEveryScriptOfTheKindsLocationAndNoJavaMigration() {
    assertThat(scripts.getResources("V", ".sql"))
        .extracting(LoadableResource::getFilename)
        .contains("V1__legacy_orchestra_schema.sql", "V2__identity_marker.sql")
        .allMatch(name -> name.startsWith("V") && name.endsWith(".sql"));
    assertThat(scripts.getResources("V", ".sql")).hasSameSizeAs(scripts.getResources("", ""));
    assertThat(scripts.getClasses()).isEmpty();
  }

  @Test
  void findsAScriptByItsRelativePathAndHandsOutItsTextEachTime() throws IOException {
    LoadableResource first = scripts.getResources("V2__", ".sql").iterator().next();

    LoadableResource byPath = scripts.getResource(first.getRelativePath());

    assertThat(byPath).isSameAs(first);
    assertThat(text(byPath)).isEqualTo(text(first)).contains("OrchestraIdentity");
    assertThat(scripts.getResource("V999__none.sql")).isNull();
  }

  @Test
  void matchesNamesAsFlywaysScannerDoes() {
    assertThat(MigrationScripts.matches("V1__a.sql", "V", ".sql")).isTrue();
    assertThat(MigrationScripts.matches("V1__a.SQL", "V", ".sql")).isTrue();
    assertThat(MigrationScripts.matches("R__a.sql", "V", ".sql")).isFalse();
    assertThat(MigrationScripts.matches("V1__a.sql", "V", ".conf")).isFalse();
    // A name that is only the prefix and the suffix is no migration.
    assertThat(MigrationScripts.matches("V.sql", "V", ".sql")).isFalse();
    assertThat(MigrationScripts.matches("beforeMigrate.sql", "", ".sql")).isTrue();
  }

  private static String text(LoadableResource resource) throws IOException {
    try (Reader reader = resource.read()) {
      StringBuilder text = new StringBuilder();
      char[] buffer = new char[4096];
      for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
        text.append(buffer, 0, n);
      }
      return text.toString();
    }
  }
}
