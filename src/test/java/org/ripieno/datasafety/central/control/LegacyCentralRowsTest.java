package org.ripieno.datasafety.central.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.ripieno.security.secrets.SecretBox;

/** Which values of a legacy central row adoption converts, and into what. */
class LegacyCentralRowsTest {

  private static final SecretBox BOX =
      new SecretBox(SecretBox.Key.fromBytes(new byte[32]), List.of());

  /** An Orchestra row after the registry migrations, its legacy values still in place. */
  private static JsonObjectBuilder migratedOrchestra() {
    return Json.createObjectBuilder()
        .add("id", "o1")
        .add("orchestraId", "o1")
        .add("subdomain", "sco")
        .add("status", "active")
        .add(
            "databaseUrl",
            "postgresql://postgres.ref:p%40ss@pooler.example.org:6543/postgres?pgbouncer=true")
        .add("provisioningState", "REQUESTED")
        .addNull("databaseHost")
        .addNull("databasePort")
        .addNull("databaseName")
        .addNull("databaseUser")
        .addNull("databasePassword")
        .add("twilioAuthToken", "twilio-plain")
        .addNull("resendApiKey")
        .add("apiKey", "sk_sco_abcd")
        .addNull("apiKeyLast4");
  }

  @Nested
  class AnOrchestra {

    @Test
    void itsDatabaseUrlBecomesTheRegistryColumnsWithTheUrlClearedAndTheStateActive() {
      JsonObject changes =
          LegacyCentralRows.convert("Orchestra", migratedOrchestra().build())
              .orElseThrow()
              .changes();

      assertThat(changes.getString("databaseHost")).isEqualTo("pooler.example.org");
      assertThat(changes.getInt("databasePort")).isEqualTo(6543);
      assertThat(changes.getString("databaseName")).isEqualTo("postgres");
      assertThat(changes.getString("databaseUser")).isEqualTo("postgres.ref");
      assertThat(changes.isNull("databaseUrl")).isTrue();
      assertThat(changes.getString("provisioningState")).isEqualTo("ACTIVE");
    }

    @Test
    void itsSecretsAreWrittenEncryptedAndItsApiKeyHashed() {
      LegacyCentralRows.Conversion conversion =
          LegacyCentralRows.convert("Orchestra", migratedOrchestra().build()).orElseThrow();
      JsonObject row = conversion.row(BOX);

      assertThat(conversion.encrypted())
          .containsExactlyInAnyOrder("databasePassword", "twilioAuthToken");
      assertThat(BOX.decrypt(row.getString("databasePassword"))).isEqualTo("p@ss");
      assertThat(BOX.decrypt(row.getString("twilioAuthToken"))).isEqualTo("twilio-plain");
      assertThat(row.getString("apiKey")).startsWith("sha256:");
      assertThat(row.getString("apiKeyLast4")).isEqualTo("abcd");
      assertThat(conversion.notes().toString()).doesNotContain("p@ss", "twilio-plain");
    }

    @Test
    void aConvertedRowHoldsNothingMoreToConvert() {
      LegacyCentralRows.Conversion conversion =
          LegacyCentralRows.convert("Orchestra", migratedOrchestra().build()).orElseThrow();
      JsonObject stored =
          Json.createObjectBuilder(migratedOrchestra().build())
              .addAll(Json.createObjectBuilder(conversion.row(BOX)))
              .build();

      assertThat(LegacyCentralRows.convert("Orchestra", stored)).isEmpty();
    }

    @Test
    void aPendingOrchestraWithoutADatabaseKeepsItsProvisioningState() {
      JsonObject pending =
          migratedOrchestra()
              .add("status", "pending")
              .addNull("databaseUrl")
              .addNull("twilioAuthToken")
              .addNull("apiKey")
              .build();

      assertThat(LegacyCentralRows.convert("Orchestra", pending)).isEmpty();
    }
  }

  @Test
  void aCustomersPlaintextDatabaseUrlIsEncrypted() {
    JsonObject customer =
        Json.createObjectBuilder()
            .add("id", "c1")
            .add("subdomain", "sco")
            .add("databaseUrl", "env:DATABASE_URL_SCO")
            .build();

    LegacyCentralRows.Conversion conversion =
        LegacyCentralRows.convert("Customer", customer).orElseThrow();

    assertThat(conversion.encrypted()).containsExactly("databaseUrl");
    assertThat(conversion.row(BOX).getString("databaseUrl")).startsWith("enc:");
  }

  @Test
  void anAccountIsLeftAsItIsItsBcryptHashIncluded() {
    JsonObject user =
        Json.createObjectBuilder()
            .add("id", "u1")
            .add("passwordHash", "$2b$10$abcdefghijklmnopqrstuv")
            .build();

    assertThat(LegacyCentralRows.convert("User", user)).isEmpty();
  }
}
