package org.ripieno.central.orchestras.control;

import org.ripieno.central.orchestras.entity.ProvisioningState;

/** {@link RegisteredOrchestra} rows for unit tests, provisioned and without jobs history. */
public final class SampleOrchestras {

  private SampleOrchestras() {}

  /** An orchestra {@code id-<subdomain>} named by its subdomain in capitals, on 127.0.0.1:5432. */
  public static RegisteredOrchestra row(
      String subdomain, String status, int pricePerMonth, String server, String databaseName) {
    return new RegisteredOrchestra(
        "id-" + subdomain,
        subdomain,
        subdomain.toUpperCase(),
        status,
        "Contact",
        "contact@example.org",
        "medium",
        pricePerMonth,
        server,
        "127.0.0.1",
        5432,
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
