package org.ripieno.orchestra.instruments.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import org.ripieno.persistence.Ids;

/**
 * A chair or role within an instrument (e.g. "Förste konsertmästare"); {@code hierarchyLevel} 1 is
 * the most senior.
 */
@NamedQuery(
    name = "Position.all",
    query = "select p from Position p order by p.hierarchyLevel, p.id")
@NamedQuery(
    name = "Position.ofInstrument",
    query =
        "select p from Position p where p.instrumentId = :instrumentId order by p.hierarchyLevel,"
            + " p.id")
@Entity
@Table(name = "Position")
public class Position {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Integer id;

  private String positionId;

  private Integer instrumentId;

  private String name;

  private Integer hierarchyLevel;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "instrumentId", insertable = false, updatable = false)
  private Instrument instrument;

  @PrePersist
  void onPersist() {
    if (positionId == null) {
      positionId = Ids.newId();
    }
  }

  public Integer getId() {
    return id;
  }

  public void setId(Integer id) {
    this.id = id;
  }

  public String getPositionId() {
    return positionId;
  }

  public void setPositionId(String positionId) {
    this.positionId = positionId;
  }

  public Integer getInstrumentId() {
    return instrumentId;
  }

  public void setInstrumentId(Integer instrumentId) {
    this.instrumentId = instrumentId;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Integer getHierarchyLevel() {
    return hierarchyLevel;
  }

  public void setHierarchyLevel(Integer hierarchyLevel) {
    this.hierarchyLevel = hierarchyLevel;
  }

  /** Read-only navigation; {@code instrumentId} is the attribute that is written. */
  public Instrument getInstrument() {
    return instrument;
  }

  /** Sets the relation and {@code instrumentId} together. */
  public void setInstrument(Instrument instrument) {
    this.instrument = instrument;
    this.instrumentId = instrument == null ? null : instrument.getId();
  }
}
