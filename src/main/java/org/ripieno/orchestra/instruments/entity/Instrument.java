package org.ripieno.orchestra.instruments.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import java.time.Instant;
import org.ripieno.persistence.Ids;

/**
 * An instrument (section) of the orchestra; groups positions and sets the global display order (a
 * null {@code displayOrder} sorts last).
 */
@NamedQuery(name = "Instrument.all", query = "select i from Instrument i")
@NamedQuery(
    name = "Instrument.byName",
    query = "select i from Instrument i where lower(i.name) = :name")
@NamedQuery(
    name = "Instrument.maxDisplayOrder",
    query = "select max(i.displayOrder) from Instrument i")
@Entity
@Table(name = "Instrument")
public class Instrument {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Integer id;

  private String instrumentId;

  private String name;

  private Integer displayOrder;

  private Boolean isArchived = false;

  private Instant archivedAt;

  @PrePersist
  void onPersist() {
    if (instrumentId == null) {
      instrumentId = Ids.newId();
    }
  }

  public Integer getId() {
    return id;
  }

  public void setId(Integer id) {
    this.id = id;
  }

  public String getInstrumentId() {
    return instrumentId;
  }

  public void setInstrumentId(String instrumentId) {
    this.instrumentId = instrumentId;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Integer getDisplayOrder() {
    return displayOrder;
  }

  public void setDisplayOrder(Integer displayOrder) {
    this.displayOrder = displayOrder;
  }

  public Boolean getIsArchived() {
    return isArchived;
  }

  public void setIsArchived(Boolean isArchived) {
    this.isArchived = isArchived;
  }

  public Instant getArchivedAt() {
    return archivedAt;
  }

  public void setArchivedAt(Instant archivedAt) {
    this.archivedAt = archivedAt;
  }
}
