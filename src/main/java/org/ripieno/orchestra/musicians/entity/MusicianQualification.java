package org.ripieno.orchestra.musicians.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import org.ripieno.orchestra.instruments.entity.Position;

/**
 * Which positions a musician can play (many-to-many link between {@link Musician} and {@link
 * Position}), keyed by both ids.
 */
@NamedQuery(
    name = "MusicianQualification.positionIdsOf",
    query =
        "select q.positionId from MusicianQualification q where q.musicianId = :musicianId"
            + " order by q.positionId")
@NamedQuery(
    name = "MusicianQualification.countsPerPosition",
    query =
        "select q.positionId, count(q) from MusicianQualification q join q.musician m where"
            + " m.isArchived = false group by q.positionId")
@NamedQuery(
    name = "MusicianQualification.countsPerInstrument",
    query =
        "select p.instrumentId, count(distinct q.musicianId) from MusicianQualification q join"
            + " q.musician m join q.position p where m.isArchived = false group by p.instrumentId")
@NamedQuery(
    name = "MusicianQualification.countMusiciansOfInstrument",
    query =
        "select count(distinct q.musicianId) from MusicianQualification q join q.position p where"
            + " p.instrumentId = :instrumentId")
@NamedQuery(
    name = "MusicianQualification.countOfPosition",
    query = "select count(q) from MusicianQualification q where q.positionId = :positionId")
@NamedQuery(
    name = "MusicianQualification.exists",
    query =
        "select count(q) from MusicianQualification q where q.musicianId = :musicianId and"
            + " q.positionId = :positionId")
@NamedQuery(
    name = "MusicianQualification.availableFor",
    query =
        "select m from Musician m where m.isArchived = false and exists (select q from"
            + " MusicianQualification q where q.musicianId = m.id and q.positionId = :positionId)"
            + " and not exists (select r from Ranking r where r.listId = :listId and r.musicianId ="
            + " m.id) order by m.isActive desc, m.lastName, m.firstName, m.id")
@Entity
@IdClass(MusicianQualificationId.class)
@Table(name = "MusicianQualification")
public class MusicianQualification {

  @Id private Integer musicianId;

  @Id private Integer positionId;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "musicianId", insertable = false, updatable = false)
  private Musician musician;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "positionId", insertable = false, updatable = false)
  private Position position;

  public MusicianQualification() {}

  public MusicianQualification(Integer musicianId, Integer positionId) {
    this.musicianId = musicianId;
    this.positionId = positionId;
  }

  public Integer getMusicianId() {
    return musicianId;
  }

  public void setMusicianId(Integer musicianId) {
    this.musicianId = musicianId;
  }

  public Integer getPositionId() {
    return positionId;
  }

  public void setPositionId(Integer positionId) {
    this.positionId = positionId;
  }

  /** Read-only navigation; {@code musicianId} is the attribute that is written. */
  public Musician getMusician() {
    return musician;
  }

  /** Sets the relation and {@code musicianId} together. */
  public void setMusician(Musician musician) {
    this.musician = musician;
    this.musicianId = musician == null ? null : musician.getId();
  }

  /** Read-only navigation; {@code positionId} is the attribute that is written. */
  public Position getPosition() {
    return position;
  }

  /** Sets the relation and {@code positionId} together. */
  public void setPosition(Position position) {
    this.position = position;
    this.positionId = position == null ? null : position.getId();
  }
}
