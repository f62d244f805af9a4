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
import org.ripieno.orchestra.instruments.entity.Position;
import org.ripieno.persistence.Ids;

/** A standard ordered list (A, B or C by convention) of musicians to ask for one position. */
@NamedQuery(
    name = "RankingList.all",
    query = "select l from RankingList l order by l.listType, l.id")
@NamedQuery(
    name = "RankingList.ofPosition",
    query = "select l from RankingList l where l.positionId = :positionId order by l.listType")
@NamedQuery(
    name = "RankingList.byPositionAndType",
    query =
        "select l from RankingList l where l.positionId = :positionId and l.listType = :listType")
@NamedQuery(
    name = "RankingList.countNeeds",
    query = "select count(n) from ProjectNeed n where n.rankingListId = :listId")
@Entity
@Table(name = "RankingList")
public class RankingList {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Integer id;

  private String rankingListId;

  private Integer positionId;

  private String listType;

  private String description;

  private Integer version = 1;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "positionId", insertable = false, updatable = false)
  private Position position;

  @PrePersist
  void onPersist() {
    if (rankingListId == null) {
      rankingListId = Ids.newId();
    }
  }

  public Integer getId() {
    return id;
  }

  public void setId(Integer id) {
    this.id = id;
  }

  public String getRankingListId() {
    return rankingListId;
  }

  public void setRankingListId(String rankingListId) {
    this.rankingListId = rankingListId;
  }

  public Integer getPositionId() {
    return positionId;
  }

  public void setPositionId(Integer positionId) {
    this.positionId = positionId;
  }

  public String getListType() {
    return listType;
  }

  public void setListType(String listType) {
    this.listType = listType;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public Integer getVersion() {
    return version;
  }

  public void setVersion(Integer version) {
    this.version = version;
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
