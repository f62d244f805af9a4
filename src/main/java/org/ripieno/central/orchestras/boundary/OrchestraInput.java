package org.ripieno.central.orchestras.boundary;

/**
 * An orchestra to create, or metadata to change (absent fields stay as they are). {@code subdomain}
 * and {@code server} count only when creating: a subdomain never changes, and an orchestra moves
 * between servers by export and import.
 */
public record OrchestraInput(
    String name,
    String subdomain,
    String contactName,
    String contactEmail,
    String plan,
    String server,
    String logoUrl,
    Integer maxMusicians,
    Integer maxProjects,
    Integer pricePerMonth) {

  public static final OrchestraInput EMPTY =
      new OrchestraInput(null, null, null, null, null, null, null, null, null, null);
}
