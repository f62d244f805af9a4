package org.ripieno.datasafety.central.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.ripieno.datasafety.JsonDocuments;
import org.ripieno.security.secrets.ApiKeys;

/** The legacy export read as Ripieno rows: the fields older files lack, and the database URL. */
class LegacyCentralFormatTest {

  private static final String POOLER =
      "postgresql://postgres.ref:pw@aws-0-eu-north-1.pooler.supabase.com:6543/postgres?pgbouncer=true";

  private static JsonObject legacyOrchestra(String status, String databaseUrl) {
    var row =
        Json.createObjectBuilder()
            .add("id", "cmcl0sco")
            .add("name", "SCO")
            .add("subdomain", "sco")
            .add("contactName", "A")
            .add("contactEmail", "a@example.org")
            .add("status", status)
            .add("createdAt", "2025-06-30T10:00:00.000Z");
    if (databaseUrl == null) {
      row.addNull("databaseUrl");
    } else {
      row.add("databaseUrl", databaseUrl);
    }
    return row.build();
  }

  @Test
  void anOrchestraWithoutOrchestraIdGetsItsOwnIdEveryTime() {
    JsonObject row = LegacyCentralFormat.orchestra(legacyOrchestra("active", POOLER)).row();

    assertThat(row.getString("orchestraId")).isEqualTo("cmcl0sco");
  }

  @Test
  void anOrchestraIdInANewerFileIsKept() {
    JsonObject legacy =
        Json.createObjectBuilder(legacyOrchestra("active", POOLER))
            .add("orchestraId", "SCO")
            .build();

    assertThat(LegacyCentralFormat.orchestra(legacy).row().getString("orchestraId"))
        .isEqualTo("SCO");
  }

  @Test
  void theDatabaseUrlBecomesTheRegistrysConnectionSettingsAndIsCleared() {
    LegacyCentralFormat.Converted converted =
        LegacyCentralFormat.orchestra(legacyOrchestra("active", POOLER));
    JsonObject row = converted.row();

    assertThat(row.getString("databaseHost")).isEqualTo("aws-0-eu-north-1.pooler.supabase.com");
    assertThat(row.getInt("databasePort")).isEqualTo(6543);
    assertThat(row.getString("databaseName")).isEqualTo("postgres");
    assertThat(row.getString("databaseUser")).isEqualTo("postgres.ref");
    // Plaintext here; the restore encrypts every secret column before writing.
    assertThat(row.getString("databasePassword")).isEqualTo("pw");
    assertThat(row.isNull("databaseUrl")).isTrue();
    assertThat(converted.notes())
        .singleElement()
        .asString()
        .contains("sco", "pgbouncer=true")
        .doesNotContain(":pw");
  }

  @Test
  void anActiveOrchestraWithADatabaseWasServingSoItIsActiveInTheRegistry() {
    assertThat(
            LegacyCentralFormat.orchestra(legacyOrchestra("active", POOLER))
                .row()
                .getString("provisioningState"))
        .isEqualTo("ACTIVE");
    // Otherwise the column default (REQUESTED) applies.
    assertThat(LegacyCentralFormat.orchestra(legacyOrchestra("pending", null)).row())
        .doesNotContainKey("provisioningState")
        .doesNotContainKey("databaseHost");
    assertThat(LegacyCentralFormat.orchestra(legacyOrchestra("inactive", POOLER)).row())
        .doesNotContainKey("provisioningState");
  }

  @Test
  void aMissingUpdatedAtIsTheCreationTime() {
    assertThat(
            LegacyCentralFormat.orchestra(legacyOrchestra("active", POOLER))
                .row()
                .getString("updatedAt"))
        .isEqualTo("2025-06-30T10:00:00.000Z");
    JsonObject user =
        LegacyCentralFormat.user(
            Json.createObjectBuilder()
                .add("id", "u1")
                .add("createdAt", "2025-06-30T10:00:00.000Z")
                .build());
    assertThat(user.getString("updatedAt")).isEqualTo("2025-06-30T10:00:00.000Z");
  }

  @Test
  void anUnreadableDatabaseUrlNamesTheOrchestraNotThePassword() {
    assertThatThrownBy(
            () ->
                LegacyCentralFormat.orchestra(
                    legacyOrchestra("active", "mysql://sco:topsecret@h/db")))
        .hasMessageContaining("sco")
        .message()
        .doesNotContain("topsecret");
  }

  @Test
  void theLegacyShapeIsRecognisedAndReadIntoOrchestraAndUserRows() {
    JsonObject file =
        JsonDocuments.parseObject(
            "{\"exportDate\":\"2025-07-03T14:52:34.025Z\",\"orchestras\":["
                + legacyOrchestra("active", POOLER)
                + "],\"users\":[{\"id\":\"u1\",\"username\":\"superadmin\"}]}");

    assertThat(LegacyCentralFormat.isLegacy(file)).isTrue();
    CentralRestore.Parsed parsed = CentralRestore.parse(file);
    assertThat(parsed.format()).isEqualTo("legacy");
    assertThat(parsed.rows().get("Orchestra")).hasSize(1);
    assertThat(parsed.rows().get("User")).hasSize(1);
    assertThat(parsed.rows().get("Customer")).isEmpty();
    assertThat(parsed.rows().get("SystemLog")).isEmpty();
    assertThat(parsed.notes()).hasSize(1);
  }

  @Test
  void aNewerRipienoFormatIsRefusedRatherThanMisread() {
    JsonObject file = JsonDocuments.parseObject("{\"formatVersion\":2,\"orchestras\":[]}");

    assertThatThrownBy(() -> CentralRestore.parse(file))
        .isInstanceOf(CentralRestore.RestoreRefusedException.class)
        .hasMessageContaining("version 2");
  }

  @Test
  void legacyTimesInUtcWithZAndOtherOffsetsAreStoredAsUtc() {
    assertThat(CentralRestore.utcLocal("2025-07-03T14:52:34.025Z"))
        .isEqualTo("2025-07-03T14:52:34.025000");
    assertThat(CentralRestore.utcLocal("2025-07-03T16:52:34.025+02:00"))
        .isEqualTo("2025-07-03T14:52:34.025000");
    // Ripieno's own export holds the column's UTC value without an offset.
    assertThat(CentralRestore.utcLocal("2025-07-03T14:52:34.025"))
        .isEqualTo("2025-07-03T14:52:34.025000");
  }

  @Test
  void aPlaintextApiKeyIsStoredAsItsHashWithItsLastFourAndAStoredHashIsKept() {
    String key = "sk_sco_0123456789abcdef0123456789abcdef0123456789abcdef";
    JsonObject legacy =
        Json.createObjectBuilder(legacyOrchestra("active", POOLER)).add("apiKey", key).build();

    LegacyCentralFormat.Converted converted = LegacyCentralFormat.orchestra(legacy);

    assertThat(converted.row().getString("apiKey")).isEqualTo(ApiKeys.hash(key));
    assertThat(ApiKeys.matches(key, converted.row().getString("apiKey"))).isTrue();
    assertThat(converted.row().getString("apiKeyLast4")).isEqualTo("cdef");
    assertThat(converted.notes().toString()).contains("apiKey").doesNotContain(key);
    // Converting the converted row again changes nothing: a second restore finds it identical.
    assertThat(LegacyCentralFormat.orchestra(converted.row()).row()).isEqualTo(converted.row());
  }
}
