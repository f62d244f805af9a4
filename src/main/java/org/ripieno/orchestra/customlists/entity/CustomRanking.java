package org.ripieno.orchestra.customlists.entity;

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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.ripieno.orchestra.musicians.entity.Musician;

/** A musician's place in a custom ranking list; {@code rank} 1 is asked first. */
@Entity
@NamedQuery(
    name = "CustomRanking.ofList",
    query = "SELECT r FROM CustomRanking r WHERE r.customListId = :listId ORDER BY r.rank")
@NamedQuery(
    name = "CustomRanking.countOfList",
    query = "SELECT COUNT(r) FROM CustomRanking r WHERE r.customListId = :listId")
@NamedQuery(
    name = "CustomRanking.deleteOfList",
    query = "DELETE FROM CustomRanking r WHERE r.customListId = :listId")
@NamedQuery(
    name = "CustomRanking.deleteOfProject",
    query =
        "DELETE FROM CustomRanking r WHERE r.customListId IN (SELECT l.id FROM CustomRankingList l"
            + " WHERE l.projectId = :projectId)")
@Table(name = "CustomRanking")
public class CustomRanking {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Integer id;

  private Integer customListId;

  private Integer musicianId;

  private Integer rank;

  private Instant addedAt;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "customListId", insertable = false, updatable = false)
  private CustomRankingList customRankingList;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "musicianId", insertable = false, updatable = false)
  private Musician musician;

  @PrePersist
  void onPersist() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    if (addedAt == null) {
      addedAt = now;
    }
  }

  public Integer getId() {
    return id;
  }

  public void setId(Integer id) {
    this.id = id;
  }

  public Integer getCustomListId() {
    return customListId;
  }

  public void setCustomListId(Integer customListId) {
    this.customListId = customListId;
  }

  public Integer getMusicianId() {
    return musicianId;
  }

  public void setMusicianId(Integer musicianId) {
    this.musicianId = musicianId;
  }

  public Integer getRank() {
    return rank;
  }

  public void setRank(Integer rank) {
    this.rank = rank;
  }

  public Instant getAddedAt() {
    return addedAt;
  }

  public void setAddedAt(Instant addedAt) {
    this.addedAt = addedAt;
  }

  /** Read-only navigation; {@code customListId} is the attribute that is written. */
  public CustomRankingList getCustomRankingList() {
    return customRankingList;
  }

  /** Sets the relation and {@code customListId} together. */
  public void setCustomRankingList(CustomRankingList customRankingList) {
    this.customRankingList = customRankingList;
    this.customListId = customRankingList == null ? null : customRankingList.getId();
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
}
