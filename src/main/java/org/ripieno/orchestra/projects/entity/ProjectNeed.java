package org.ripieno.orchestra.projects.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import java.time.Instant;
import org.ripieno.orchestra.customlists.entity.CustomRankingList;
import org.ripieno.orchestra.instruments.entity.Position;
import org.ripieno.orchestra.rankings.entity.RankingList;
import org.ripieno.persistence.Ids;

/**
 * A need for {@code quantity} players of one position in one project, staffed from a standard or a
 * custom ranking list with a request strategy ({@code sequential}, {@code parallel}, {@code
 * first_come}).
 */
@Entity
@Table(name = "ProjectNeed")
public class ProjectNeed {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Integer id;

  private String projectNeedId;

  private Integer projectId;

  private Integer positionId;

  private Integer quantity = 1;

  private Integer rankingListId;

  private Integer customRankingListId;

  private String requestStrategy;

  private Integer maxRecipients;

  private Integer responseTimeHours = 24;

  private Boolean requireLocalResidence = false;

  private Instant archivedAt;

  private String status = "active";

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "projectId", insertable = false, updatable = false)
  private Project project;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "positionId", insertable = false, updatable = false)
  private Position position;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "rankingListId", insertable = false, updatable = false)
  private RankingList rankingList;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "customRankingListId", insertable = false, updatable = false)
  private CustomRankingList customRankingList;

  /** The status; a value Ripieno does not know (a legacy {@code cancelled}) counts as archived. */
  public NeedStatus needStatus() {
    return NeedStatus.of(status).orElse(NeedStatus.ARCHIVED);
  }

  /**
   * Whether the need may go to the status: active and paused go anywhere; a completed need only to
   * archived (resuming never reopens it); an archived need stays archived.
   */
  public boolean mayBecome(NeedStatus target) {
    NeedStatus current = needStatus();
    return current == target
        || switch (current) {
          case ARCHIVED -> false;
          case COMPLETED -> target == NeedStatus.ARCHIVED;
          default -> true;
        };
  }

  /**
   * Moves the need to the status ({@link #mayBecome} first); archiving stamps {@code archivedAt}.
   *
   * @return whether anything changed
   */
  public boolean become(NeedStatus target, Instant now) {
    if (!mayBecome(target)) {
      throw new IllegalStateException(
          "A " + needStatus().value() + " need does not become " + target.value());
    }
    if (needStatus() == target) {
      return false;
    }
    status = target.value();
    if (target == NeedStatus.ARCHIVED) {
      archivedAt = now;
    }
    return true;
  }

  /**
   * A completed need whose accepted musician was withdrawn asks again: the one way back from
   * completed, and only for a place that came free ({@link #mayBecome} never reopens a need).
   *
   * @return whether it was completed and is active now
   */
  public boolean reopen() {
    if (needStatus() != NeedStatus.COMPLETED) {
      return false;
    }
    status = NeedStatus.ACTIVE.value();
    return true;
  }

  @PrePersist
  void onPersist() {
    if (projectNeedId == null) {
      projectNeedId = Ids.newId();
    }
  }

  public Integer getId() {
    return id;
  }

  public void setId(Integer id) {
    this.id = id;
  }

  public String getProjectNeedId() {
    return projectNeedId;
  }

  public void setProjectNeedId(String projectNeedId) {
    this.projectNeedId = projectNeedId;
  }

  public Integer getProjectId() {
    return projectId;
  }

  public void setProjectId(Integer projectId) {
    this.projectId = projectId;
  }

  public Integer getPositionId() {
    return positionId;
  }

  public void setPositionId(Integer positionId) {
    this.positionId = positionId;
  }

  public Integer getQuantity() {
    return quantity;
  }

  public void setQuantity(Integer quantity) {
    this.quantity = quantity;
  }

  public Integer getRankingListId() {
    return rankingListId;
  }

  public void setRankingListId(Integer rankingListId) {
    this.rankingListId = rankingListId;
  }

  public Integer getCustomRankingListId() {
    return customRankingListId;
  }

  public void setCustomRankingListId(Integer customRankingListId) {
    this.customRankingListId = customRankingListId;
  }

  public String getRequestStrategy() {
    return requestStrategy;
  }

  public void setRequestStrategy(String requestStrategy) {
    this.requestStrategy = requestStrategy;
  }

  public Integer getMaxRecipients() {
    return maxRecipients;
  }

  public void setMaxRecipients(Integer maxRecipients) {
    this.maxRecipients = maxRecipients;
  }

  public Integer getResponseTimeHours() {
    return responseTimeHours;
  }

  public void setResponseTimeHours(Integer responseTimeHours) {
    this.responseTimeHours = responseTimeHours;
  }

  public Boolean getRequireLocalResidence() {
    return requireLocalResidence;
  }

  public void setRequireLocalResidence(Boolean requireLocalResidence) {
    this.requireLocalResidence = requireLocalResidence;
  }

  public Instant getArchivedAt() {
    return archivedAt;
  }

  public void setArchivedAt(Instant archivedAt) {
    this.archivedAt = archivedAt;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  /** Read-only navigation; {@code projectId} is the attribute that is written. */
  public Project getProject() {
    return project;
  }

  /** Sets the relation and {@code projectId} together. */
  public void setProject(Project project) {
    this.project = project;
    this.projectId = project == null ? null : project.getId();
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

  /** Read-only navigation; {@code rankingListId} is the attribute that is written. */
  public RankingList getRankingList() {
    return rankingList;
  }

  /** Sets the relation and {@code rankingListId} together. */
  public void setRankingList(RankingList rankingList) {
    this.rankingList = rankingList;
    this.rankingListId = rankingList == null ? null : rankingList.getId();
  }

  /** Read-only navigation; {@code customRankingListId} is the attribute that is written. */
  public CustomRankingList getCustomRankingList() {
    return customRankingList;
  }

  /** Sets the relation and {@code customRankingListId} together. */
  public void setCustomRankingList(CustomRankingList customRankingList) {
    this.customRankingList = customRankingList;
    this.customRankingListId = customRankingList == null ? null : customRankingList.getId();
  }
}
