package org.ripieno.central.orchestras.entity;

/** Where an orchestra is in its provisioning; stored by name in {@code "provisioningState"}. */
public enum ProvisioningState {
  REQUESTED,
  DATABASE_CREATED,
  MIGRATED,
  SEEDED,
  ADMIN_ACTIVATED,
  ACTIVE,
  FAILED
}
