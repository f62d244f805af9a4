package org.ripieno.central.users.boundary;

/**
 * An account to create or change. On change, absent fields stay as they are. A password given here
 * is chosen by a person; without one on creation, Ripieno generates one.
 */
public record UserInput(
    String username,
    String email,
    String password,
    String role,
    String orchestraId,
    Boolean active) {}
