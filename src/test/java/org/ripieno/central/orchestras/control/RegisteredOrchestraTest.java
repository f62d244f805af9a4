package org.ripieno.central.orchestras.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
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
        .contains(new DatabaseAddress("127.0.0.1", 5432, "ripieno_orchestra_sco"));
    assertThat(placed.databaseAddress()).isEqualTo("127.0.0.1:5432/ripieno_orchestra_sco");

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

  private static RegisteredOrchestra row(String status, String server, String databaseName) {
    return SampleOrchestras.row("sco", status, 4990, server, databaseName);
  }
}
