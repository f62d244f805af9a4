package org.ripieno.persistence;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The legacy {@code createdAt} / {@code updatedAt} pair. Prisma set {@code @updatedAt} in the ORM,
 * not the database (the column is NOT NULL without a default), so the entity stamps both.
 * Milliseconds only, as {@code TIMESTAMP(3)} stores them, so memory and database agree.
 */
@MappedSuperclass
public abstract class Timestamped {

  private Instant createdAt;

  private Instant updatedAt;

  @PrePersist
  void stampCreation() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    if (createdAt == null) {
      createdAt = now;
    }
    updatedAt = now;
  }

  @PreUpdate
  void stampUpdate() {
    updatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(Instant createdAt) {
    this.createdAt = createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public void setUpdatedAt(Instant updatedAt) {
    this.updatedAt = updatedAt;
  }
}
