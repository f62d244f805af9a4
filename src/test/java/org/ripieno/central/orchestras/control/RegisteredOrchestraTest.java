package org.ripieno.central.orchestras.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ripieno.central.orchestras.entity.ProvisioningState;
import org.ripieno.tenancy.DatabaseAddress;

class RegisteredOrchestraTest {

  @Test
  void aRowWithoutAServerRoutesThroughTheDefaultServer() {
    assertThat(row("active", null, "db").server()).isEqualTo("default");
    assertThat(row("active", "second", "db").server()).isEqualTo("second");
  }

  @Test
  void aRowNamesADatabaseOnlyWithHostPortAndName() {
    RegisteredOrchestra placed = row("active", null, "ripieno_orchestra_sco");
    assertThat(placed.hasDatabase()).isTrue();
    assertThat(placed.database())
        .contains(new DatabaseAddress("db.example.org", 5433, "ripieno_orchestra_sco"));
    assertThat(placed.databaseAddress()).isEqualTo("db.example.org:5433/ripieno_orchestra_sco");

    RegisteredOrchestra requested = row("pending", null, null);
    assertThat(requested.hasDatabase()).isFalse();
    assertThat(requested.database()).isEmpty();
    assertThat(requested.databaseAddress()).isNull();
  }

  @Test
  void statusDeletedAndActiveAreReadFromTheStatusColumn() {
    assertThat(row("deleted", null, "db").isDeleted()).isTrue();
    assertThat(row("deleted", null, "db").isActive()).isFalse();
    assertThat(row("active", null, "db").isActive()).isTrue();
    assertThat(row("suspended", null, "db").isActive()).isFalse();
    assertThat(row("suspended", null, "db").isDeleted()).isFalse();
  }

  static RegisteredOrchestra row(String status, String server, String databaseName) {
    return new RegisteredOrchestra(
        "o-1",
        "sco",
        "SCO",
        status,
        "Contact",
        "contact@example.org",
        "medium",
        4990,
        server,
        "db.example.org",
        5433,
        databaseName,
        null,
        null,
        null,
        null,
        null,
        new RegisteredOrchestra.ProvisioningProgress(ProvisioningState.ACTIVE, null),
        new RegisteredOrchestra.JobsState(null, null, null, 0));
  }
}
