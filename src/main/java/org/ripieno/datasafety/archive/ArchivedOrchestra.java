package org.ripieno.datasafety.archive;

import java.util.Objects;
import org.ripieno.central.orchestras.control.RegisteredOrchestra;

/**
 * The orchestra an archive belongs to, as its central registry entry named it when it was exported.
 * The contact fields may be null (an importer then leaves them empty).
 *
 * @param id {@code Orchestra.id}, also the identity marker of the exported database
 */
public record ArchivedOrchestra(
    String id, String subdomain, String name, String contactName, String contactEmail) {

  public ArchivedOrchestra {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(subdomain, "subdomain");
    Objects.requireNonNull(name, "name");
  }

  /** How an archive names the orchestra of a central row, contact included. */
  public static ArchivedOrchestra of(RegisteredOrchestra row) {
    return new ArchivedOrchestra(
        row.id(), row.subdomain(), row.name(), row.contactName(), row.contactEmail());
  }
}
