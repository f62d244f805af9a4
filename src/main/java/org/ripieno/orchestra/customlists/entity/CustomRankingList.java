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
import org.ripieno.orchestra.instruments.entity.Position;
import org.ripieno.orchestra.projects.entity.Project;
import org.ripieno.persistence.Ids;
import org.ripieno.persistence.Timestamped;

/**
 * A project-specific ad-hoc ranking list for one position (at most one per project and position,
 * enforced by the application).
 */
@Entity
@NamedQuery(
    name = "CustomRankingList.ofProject",
    query = "SELECT l FROM CustomRankingList l WHERE l.projectId = :projectId ORDER BY l.id")
@NamedQuery(
    name = "CustomRankingList.countOfProject",
    query = "SELECT COUNT(l) FROM CustomRankingList l WHERE l.projectId = :projectId")
@NamedQuery(
    name = "CustomRankingList.ofProjectAndPosition",
    query =
        "SELECT l FROM CustomRankingList l WHERE l.projectId = :projectId AND l.positionId ="
            + " :positionId")
@NamedQuery(
    name = "CustomRankingList.deleteOfProject",
    query = "DELETE FROM CustomRankingList l WHERE l.projectId = :projectId")
@Table(name = "CustomRankingList")
public class CustomRankingList extends Timestamped {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Integer id;

  private String customListId;

  private Integer projectId;

  private Integer positionId;

  private String name;

  private Boolean isTemplate = false;

  private String templateName;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "projectId", insertable = false, updatable = false)
  private Project project;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "positionId", insertable = false, updatable = false)
  private Position position;

  @PrePersist
  void onPersist() {
    if (customListId == null) {
      customListId = Ids.newId();
    }
  }

  public Integer getId() {
    return id;
  }

  public void setId(Integer id) {
    this.id = id;
  }

  public String getCustomListId() {
    return customListId;
  }

  public void setCustomListId(String customListId) {
    this.customListId = customListId;
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

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Boolean getIsTemplate() {
    return isTemplate;
  }

  public void setIsTemplate(Boolean isTemplate) {
    this.isTemplate = isTemplate;
  }

  public String getTemplateName() {
    return templateName;
  }

  public void setTemplateName(String templateName) {
    this.templateName = templateName;
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
}
