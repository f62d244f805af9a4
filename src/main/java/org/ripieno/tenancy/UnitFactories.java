package org.ripieno.tenancy;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.Map;
import javax.sql.DataSource;

/** Application-managed factories of the two persistence units, on a pool Ripieno owns. */
final class UnitFactories {

  private UnitFactories() {}

  static EntityManagerFactory create(DatabaseKind kind, DataSource pool, String sessionName) {
    return Persistence.createEntityManagerFactory(
        kind.unitName(),
        Map.of(
            "jakarta.persistence.transactionType",
            "RESOURCE_LOCAL",
            "jakarta.persistence.jtaDataSource",
            "",
            "jakarta.persistence.nonJtaDataSource",
            pool,
            "eclipselink.target-server",
            "None",
            "eclipselink.session.customizer",
            NoQueryRetry.class.getName(),
            "eclipselink.session-name",
            sessionName));
  }
}
