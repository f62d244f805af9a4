package org.ripieno.orchestra.codes.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The counter behind the human-readable codes of one entity type ({@code MUS001}, {@code PROJ012},
 * ...); codes are never reused.
 */
@Entity
@NamedQuery(
    name = "IdSequence.byEntityType",
    query = "SELECT s FROM IdSequence s WHERE s.entityType = :entityType")
@Table(name = "IdSequence")
public class IdSequence {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Integer id;

  private String entityType;

  private Integer lastNumber = 0;

  private Instant updatedAt;

  @PrePersist
  void onPersist() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    updatedAt = now;
  }

  @PreUpdate
  void onUpdate() {
    updatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  public Integer getId() {
    return id;
  }

  public void setId(Integer id) {
    this.id = id;
  }

  public String getEntityType() {
    return entityType;
  }

  public void setEntityType(String entityType) {
    this.entityType = entityType;
  }

  public Integer getLastNumber() {
    return lastNumber;
  }

  public void setLastNumber(Integer lastNumber) {
    this.lastNumber = lastNumber;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public void setUpdatedAt(Instant updatedAt) {
    this.updatedAt = updatedAt;
  }
}
