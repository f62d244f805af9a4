package org.ripieno.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The table sets come from persistence.xml and never overlap. */
class DatabaseKindTest {

  @Test
  void centralHoldsExactlyTheFourCentralTables() {
    assertThat(DatabaseKind.CENTRAL.tables())
        .containsExactlyInAnyOrder("Orchestra", "User", "Customer", "SystemLog");
  }

  @Test
  void anOrchestraHoldsTheTwentyOneLegacyTablesItsIdentityMarkerAndTheOutbox() {
    assertThat(DatabaseKind.ORCHESTRA.tables())
        .hasSize(25)
        .contains(
            "Musician",
            "Instrument",
            "Position",
            "MusicianQualification",
            "RankingList",
            "Ranking",
            "Project",
            "ProjectNeed",
            "Request",
            "RequestToken",
            "EmailTemplate",
            "CommunicationLog",
            "ProjectFile",
            "AuditLog",
            "IdSequence",
            "DeletedIds",
            "Settings",
            "GroupEmailLog",
            "FileStorage",
            "CustomRankingList",
            "CustomRanking",
            "OutboxMessage",
            "MessageRate",
            "AttachmentLink",
            IdentityMarker.TABLE);
  }

  @Test
  void theKindsShareNoTable() {
    assertThat(DatabaseKind.CENTRAL.tables())
        .doesNotContainAnyElementsOf(DatabaseKind.ORCHESTRA.tables());
    assertThat(DatabaseKind.CENTRAL.other()).isEqualTo(DatabaseKind.ORCHESTRA);
  }
}
