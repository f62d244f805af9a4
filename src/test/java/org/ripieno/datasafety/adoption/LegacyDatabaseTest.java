package org.ripieno.datasafety.adoption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.ripieno.tenancy.DatabaseAddress;
import org.ripieno.tenancy.DatabaseLogin;

/** What {@code orchestras adopt --url} accepts, which login it keeps, and what it never shows. */
class LegacyDatabaseTest {

  private static final String LEGACY_URL =
      "postgresql://sco_owner:s3cr%40t-pw@db.example.org:6543/sco?pgbouncer=true&sslpassword=k3y";

  private static final DatabaseLogin SERVER =
      new DatabaseLogin(
          new DatabaseAddress("db.example.org", 5432, "postgres"), "ripieno", "server-pw", "t");

  @Test
  void aLegacyUrlGivesTheAddressAndItsOwnLogin() {
    LegacyDatabase database = LegacyDatabase.parse(LEGACY_URL, null, null);

    assertThat(database.address()).isEqualTo(new DatabaseAddress("db.example.org", 6543, "sco"));
    assertThat(database.user()).isEqualTo("sco_owner");
    assertThat(database.password()).isEqualTo("s3cr@t-pw");
    assertThat(database.ownLogin()).isTrue();
    assertThat(database.droppedParameters()).isEqualTo("pgbouncer=true&sslpassword=***");
    assertThat(database.toString()).doesNotContain("s3cr");
    DatabaseLogin login = database.login(SERVER, "t");
    assertThat(login.user()).isEqualTo("sco_owner");
    assertThat(login.password()).isEqualTo("s3cr@t-pw");
  }

  @Test
  void givenUserAndPasswordWinOverTheUrls() {
    LegacyDatabase database = LegacyDatabase.parse(LEGACY_URL, "other", "given-pw");

    assertThat(database.user()).isEqualTo("other");
    assertThat(database.password()).isEqualTo("given-pw");
  }

  @Test
  void withoutAUserThereIsNoOwnLoginAndTheServersLoginConnects() {
    LegacyDatabase database =
        LegacyDatabase.parse(
            "jdbc:postgresql://db.example.org:5433/sco?sslmode=require", null, null);

    assertThat(database.ownLogin()).isFalse();
    assertThat(database.user()).isNull();
    assertThat(database.password()).isNull();
    assertThat(database.droppedParameters()).isEqualTo("sslmode=require");
    DatabaseLogin login = database.login(SERVER, "t");
    assertThat(login.address()).isEqualTo(new DatabaseAddress("db.example.org", 5433, "sco"));
    assertThat(login.user()).isEqualTo("ripieno");
    assertThat(login.password()).isEqualTo("server-pw");
  }

  @Test
  void aPasswordWithoutAUserIsRefused() {
    assertThatThrownBy(
            () -> LegacyDatabase.parse("jdbc:postgresql://db.example.org/sco", null, "lonely-pw"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("A password without a user")
        .message()
        .doesNotContain("lonely-pw");
    assertThatThrownBy(
            () -> LegacyDatabase.parse("postgresql://:lonely-pw@db.example.org/sco", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain("lonely-pw");
  }

  @Test
  void anUnreadableUrlIsNamedWithItsCredentialsMasked() {
    assertThatThrownBy(
            () ->
                LegacyDatabase.parse(
                    "postgresql://sco:topsecret@db.example.org:port/sco?password=topsecret",
                    null,
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("postgresql://***@db.example.org:port/sco?password=***")
        .message()
        .doesNotContain("topsecret")
        .doesNotContain("sco:");
  }

  @Test
  void maskingHidesUserInformationAndCredentialParametersWhateverTheirShape() {
    assertThat(LegacyDatabase.masked(LEGACY_URL))
        .isEqualTo("postgresql://***@db.example.org:6543/sco?pgbouncer=true&sslpassword=***");
    assertThat(LegacyDatabase.masked("postgresql://u:p@ss/w?rd@host:5433/sco"))
        .isEqualTo("postgresql://***@host:5433/sco");
    assertThat(LegacyDatabase.masked("jdbc:postgresql://h:5432/db?user=sco&password=p@ss&ssl=1"))
        .isEqualTo("jdbc:postgresql://h:5432/db?user=***&password=***&ssl=1");
    // The host forgotten: what follows user: is no port but the password.
    assertThat(LegacyDatabase.masked("postgresql://sco:topsecret/db"))
        .isEqualTo("postgresql://sco:***/db");
    assertThat(LegacyDatabase.masked("jdbc:postgresql://db.example.org:5432/sco"))
        .isEqualTo("jdbc:postgresql://db.example.org:5432/sco");
  }
}
