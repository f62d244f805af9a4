package org.ripieno.orchestra.rankings.entity;

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
import org.ripieno.orchestra.musicians.entity.Musician;
import org.ripieno.persistence.Ids;

/**
 * A musician's place in a standard ranking list; {@code rank} 1 is asked first, and ranks are kept
 * contiguous.
 */
@NamedQuery(
    name = "Ranking.ofList",
    query =
        "select r from Ranking r join fetch r.musician where r.listId = :listId order by r.rank")
@NamedQuery(
    name = "Ranking.sizes",
    query = "select r.listId, count(r) from Ranking r group by r.listId")
@NamedQuery(
    name = "Ranking.maxRank",
    query = "select max(r.rank) from Ranking r where r.listId = :listId")
@NamedQuery(
    name = "Ranking.negateRanks",
    query = "update Ranking r set r.rank = -r.rank where r.listId = :listId")
@NamedQuery(
    name = "Ranking.setRank",
    query = "update Ranking r set r.rank = :rank where r.id = :id")
@NamedQuery(name = "Ranking.clear", query = "delete from Ranking r where r.listId = :listId")
@NamedQuery(name = "Ranking.remove", query = "delete from Ranking r where r.id = :id")
@Entity
@Table(name = "Ranking")
public class Ranking {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Integer id;

  private String rankingId;

  private Integer listId;

  private Integer musicianId;

  private Integer rank;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "listId", insertable = false, updatable = false)
  private RankingList rankingList;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "musicianId", insertable = false, updatable = false)
  private Musician musician;

  @PrePersist
  void onPersist() {
    if (rankingId == null) {
      rankingId = Ids.newId();
    }
  }

  public Integer getId() {
    return id;
  }

  public void setId(Integer id) {
    this.id = id;
  }

  public String getRankingId() {
    return rankingId;
  }

  public void setRankingId(String rankingId) {
    this.rankingId = rankingId;
  }

  public Integer getListId() {
    return listId;
  }

  public void setListId(Integer listId) {
    this.listId = listId;
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

  /** Read-only navigation; {@code listId} is the attribute that is written. */
  public RankingList getRankingList() {
    return rankingList;
  }

  /** Sets the relation and {@code listId} together. */
  public void setRankingList(RankingList rankingList) {
    this.rankingList = rankingList;
    this.listId = rankingList == null ? null : rankingList.getId();
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
