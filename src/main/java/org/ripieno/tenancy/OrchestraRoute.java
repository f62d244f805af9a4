package org.ripieno.tenancy;

import java.util.Objects;

/**
 * Everything needed to open one orchestra's database, taken from its central registry entry.
 *
 * @param orchestraId {@code Orchestra.id}, also the identity marker the database must carry
 * @param subdomain for messages and connection names
 * @param login the database's address and credentials
 */
public record OrchestraRoute(String orchestraId, String subdomain, DatabaseLogin login) {

  public OrchestraRoute {
    Objects.requireNonNull(orchestraId, "orchestraId");
    Objects.requireNonNull(subdomain, "subdomain");
    Objects.requireNonNull(login, "login");
  }
}
