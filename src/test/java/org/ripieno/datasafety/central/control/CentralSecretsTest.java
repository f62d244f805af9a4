package org.ripieno.datasafety.central.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The secret columns come from the entity mapping, not from a second list. */
class CentralSecretsTest {

  @Test
  void theEncryptedColumnsAreThoseTheEntitiesConvert() {
    assertThat(CentralSecrets.encrypted("Orchestra"))
        .containsExactlyInAnyOrder(
            "resendApiKey", "twilioAuthToken", "smtpPassword", "webhookSecret", "databasePassword");
    assertThat(CentralSecrets.encrypted("Customer")).containsExactly("databaseUrl");
    assertThat(CentralSecrets.encrypted("User")).isEmpty();
    assertThat(CentralSecrets.encrypted("SystemLog")).isEmpty();
  }

  @Test
  void anExportWithoutSecretsAlsoLeavesOutCredentialsKeptInOtherForms() {
    assertThat(CentralSecrets.leftOutWithoutSecrets("Orchestra"))
        .contains("databasePassword", "databaseUrl", "apiKey");
    assertThat(CentralSecrets.leftOutWithoutSecrets("User")).containsExactly("passwordHash");
  }

  @Test
  void everyCentralTableHasAnArrayKeyAndOrchestrasComeBeforeTheAccountsReferringToThem() {
    assertThat(CentralFormat.tables())
        .containsExactlyInAnyOrder("Orchestra", "User", "Customer", "SystemLog");
    assertThat(CentralFormat.tables().indexOf("Orchestra"))
        .isLessThan(CentralFormat.tables().indexOf("User"));
    assertThat(CentralFormat.key("Orchestra")).isEqualTo("orchestras");
    assertThat(CentralFormat.key("User")).isEqualTo("users");
    assertThat(CentralFormat.key("SystemLog")).isEqualTo("systemLogs");
  }
}
