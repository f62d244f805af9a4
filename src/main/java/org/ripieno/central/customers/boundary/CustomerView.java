package org.ripieno.central.customers.boundary;

import java.time.Instant;
import org.ripieno.central.customers.entity.Customer;
import org.ripieno.security.secrets.SecretBox;

/** A legacy customer registry entry as the API shows it; the database URL masked. */
public record CustomerView(
    String id,
    String name,
    String subdomain,
    String databaseUrl,
    String status,
    String contactEmail,
    String plan,
    Instant createdAt,
    Instant updatedAt) {

  public static CustomerView of(Customer customer) {
    return new CustomerView(
        customer.getId(),
        customer.getName(),
        customer.getSubdomain(),
        SecretBox.mask(customer.getDatabaseUrl()),
        customer.getStatus(),
        customer.getContactEmail(),
        customer.getPlan(),
        customer.getCreatedAt(),
        customer.getUpdatedAt());
  }
}
