package org.ripieno.central.orchestras.boundary;

/** {@code {"status": "active" | "inactive" | "suspended"}}. */
public record StatusInput(String status) {}
