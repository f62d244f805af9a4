package org.ripieno.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ripieno.central.orchestras.entity.Orchestra;
import org.ripieno.security.secrets.EncryptedString;
import org.ripieno.security.secrets.SecretBox;
import org.ripieno.testing.TestPostgres;

/** Secret columns of central hold ciphertext only, and read back as the secret. */
class CentralSecretsIT {

  @Test
  void secretColumnsNeverHoldThePlaintext() throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    EncryptedString.install(new SecretBox(SecretBox.Key.fromBytes(key), List.of()));
    try (TestPostgres postgres = new TestPostgres()) {
      DatabaseLogin central = postgres.createEmpty("secrets");
      Migrations.migrate(central.dataSource(), DatabaseKind.CENTRAL);
      EntityManagerFactory factory =
          UnitFactories.create(DatabaseKind.CENTRAL, central.dataSource(), "central-secrets");
      try {
        Orchestra orchestra = new Orchestra();
        orchestra.setName("Secret Orchestra");
        orchestra.setSubdomain("secret");
        orchestra.setContactName("Contact");
        orchestra.setContactEmail("contact@example.org");
        orchestra.setWebhookSecret("whsec-plain-value-1234");
        orchestra.setTwilioAuthToken("twilio-plain-token-5678");
        orchestra.setResendApiKey("re_plain_key_9012");
        orchestra.setDatabasePassword("db-plain-password-3456");
        EntityManager entityManager = factory.createEntityManager();
        entityManager.getTransaction().begin();
        entityManager.persist(orchestra);
        entityManager.getTransaction().commit();
        entityManager.close();

        try (Connection connection = central.connect();
            Statement statement = connection.createStatement();
            ResultSet row =
                statement.executeQuery(
                    "select \"webhookSecret\", \"twilioAuthToken\", \"resendApiKey\","
                        + " \"databasePassword\" from \"Orchestra\"")) {
          row.next();
          for (int column = 1; column <= 4; column++) {
            assertThat(row.getString(column)).startsWith("enc:v1:").doesNotContain("plain");
          }
        }
        EntityManager reader = factory.createEntityManager();
        Orchestra read = reader.find(Orchestra.class, orchestra.getId());
        assertThat(read.getWebhookSecret()).isEqualTo("whsec-plain-value-1234");
        assertThat(read.getDatabasePassword()).isEqualTo("db-plain-password-3456");
        reader.close();
      } finally {
        factory.close();
      }
    }
  }
}
