package org.ripieno.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ripieno.central.orchestras.entity.Orchestra;

class OrchestraEntryTest {

  private static final DatabaseLogin SERVER =
      new DatabaseLogin(
          new DatabaseAddress("127.0.0.1", 5432, "postgres"), "server-user", "server-pw", null);

  @Test
  void anEntityGivesTheColumnsAnOrchestrasRequestUses() {
    Orchestra row = new Orchestra();
    row.setId("orch-1");
    row.setSubdomain("sco");
    row.setName("Scottish Chamber Orchestra");
    row.setStatus("active");
    row.setLogoUrl("https://example.org/logo.png");
    row.setMaxMusicians(120);
    row.setDatabaseHost("db.example.org");
    row.setDatabasePort(5433);
    row.setDatabaseName("ripieno_orchestra_sco");
    row.setDatabaseUser("sco");
    row.setDatabasePassword("sco-pw");

    OrchestraEntry entry = OrchestraEntry.of(row);

    assertThat(entry.id()).isEqualTo("orch-1");
    assertThat(entry.name()).isEqualTo("Scottish Chamber Orchestra");
    assertThat(entry.logoUrl()).isEqualTo("https://example.org/logo.png");
    assertThat(entry.primaryColor()).isEqualTo(row.getPrimaryColor());
    assertThat(entry.maxMusicians()).isEqualTo(120);
    assertThat(entry.maxProjects()).isEqualTo(row.getMaxProjects());
    assertThat(entry.isActive()).isTrue();
    assertThat(entry.isDeleted()).isFalse();
    // The route is the entity's, to the letter.
    assertThat(OrchestraRoutes.routeTo(entry, Map.of("default", SERVER)))
        .isEqualTo(OrchestraRoutes.routeTo(row, Map.of("default", SERVER)));
  }

  @Test
  void anOwnLoginIsUsedOverTheServersAndNeverShownInItsText() {
    OrchestraEntry own = entry("sco", "sco-pw");
    OrchestraRoute route = OrchestraRoutes.routeTo(own, Map.of("default", SERVER));
    assertThat(route.login().user()).isEqualTo("sco");
    assertThat(route.login().password()).isEqualTo("sco-pw");
    assertThat(route.login().address())
        .isEqualTo(new DatabaseAddress("db.example.org", 5433, "ripieno_orchestra_sco"));
    assertThat(own.toString()).doesNotContain("sco-pw");

    OrchestraRoute servers = OrchestraRoutes.routeTo(entry(null, null), Map.of("default", SERVER));
    assertThat(servers.login().user()).isEqualTo("server-user");
    assertThat(servers.login().password()).isEqualTo("server-pw");
  }

  @Test
  void anEntryOnAnUnknownServerIsUnavailable() {
    assertThatThrownBy(() -> OrchestraRoutes.routeTo(entry(null, null), Map.of()))
        .isInstanceOf(OrchestraUnavailableException.class);
  }

  private static OrchestraEntry entry(String databaseUser, String databasePassword) {
    return new OrchestraEntry(
        "orch-1",
        "sco",
        "SCO",
        "active",
        null,
        "#3B82F6",
        "#1E40AF",
        200,
        20,
        null,
        "db.example.org",
        5433,
        "ripieno_orchestra_sco",
        databaseUser,
        databasePassword);
  }
}
