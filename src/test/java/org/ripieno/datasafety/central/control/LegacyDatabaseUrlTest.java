package org.ripieno.datasafety.central.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LegacyDatabaseUrlTest {

  @Test
  void aSupabasePoolerUrlBecomesHostPortDatabaseAndLoginWithoutItsClientParameters() {
    LegacyDatabaseUrl url =
        LegacyDatabaseUrl.parse(
            "postgresql://postgres.abcdefghijklmnop:s3cr%40t+pw@aws-0-eu-north-1.pooler.supabase.com:6543/postgres?pgbouncer=true&connection_limit=1");

    assertThat(url.host()).isEqualTo("aws-0-eu-north-1.pooler.supabase.com");
    assertThat(url.port()).isEqualTo(6543);
    assertThat(url.database()).isEqualTo("postgres");
    assertThat(url.user()).isEqualTo("postgres.abcdefghijklmnop");
    // Percent-escapes decoded; a '+' stays a '+' (it is no space in a URL's user information).
    assertThat(url.password()).isEqualTo("s3cr@t+pw");
    assertThat(url.parameters())
        .containsExactly(Map.entry("pgbouncer", "true"), Map.entry("connection_limit", "1"));
    assertThat(url.droppedParameters()).isEqualTo("pgbouncer=true&connection_limit=1");
  }

  @Test
  void theDefaultsAreThoseOfPostgresql() {
    LegacyDatabaseUrl url = LegacyDatabaseUrl.parse("postgres://db.example.org/");

    assertThat(url.port()).isEqualTo(5432);
    assertThat(url.database()).isEqualTo("postgres");
    assertThat(url.user()).isNull();
    assertThat(url.password()).isNull();
    assertThat(url.parameters()).isEmpty();
  }

  @Test
  void aPasswordWithAnUnescapedAtSignOrSlashIsStillRead() {
    LegacyDatabaseUrl url = LegacyDatabaseUrl.parse("postgresql://u:p@ss/w?rd@host:5433/sco");

    assertThat(url.user()).isEqualTo("u");
    assertThat(url.password()).isEqualTo("p@ss/w?rd");
    assertThat(url.host()).isEqualTo("host");
    assertThat(url.port()).isEqualTo(5433);
    assertThat(url.database()).isEqualTo("sco");
  }

  @Test
  void userAndPasswordGivenAsParametersAreTakenNotReportedAsDropped() {
    LegacyDatabaseUrl url =
        LegacyDatabaseUrl.parse("postgresql://host/sco?user=sco&password=pw&sslmode=require");

    assertThat(url.user()).isEqualTo("sco");
    assertThat(url.password()).isEqualTo("pw");
    assertThat(url.parameters()).containsExactly(Map.entry("sslmode", "require"));
  }

  @Test
  void neitherTheDescriptionNorARefusalShowsThePassword() {
    LegacyDatabaseUrl url = LegacyDatabaseUrl.parse("postgresql://sco:topsecret@host:6543/db");
    assertThat(url.toString()).isEqualTo("sco@host:6543/db").doesNotContain("topsecret");

    assertThatThrownBy(() -> LegacyDatabaseUrl.parse("mysql://sco:topsecret@host/db"))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain("topsecret");
    assertThatThrownBy(() -> LegacyDatabaseUrl.parse("postgresql://sco:topsecret@host:port/db"))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain("topsecret");
  }
}
