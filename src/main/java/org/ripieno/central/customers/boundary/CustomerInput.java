package org.ripieno.central.customers.boundary;

/** A customer to create or change; on change, absent fields stay as they are. */
public record CustomerInput(
    String name,
    String subdomain,
    String databaseUrl,
    String status,
    String contactEmail,
    String plan) {}
