package org.ripieno.orchestra.projects.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import java.time.Instant;
import org.ripieno.persistence.Ids;
import org.ripieno.persistence.Timestamped;

/**
 * A concert or production week that needs players. It has no status column: upcoming or done is
 * derived from {@code startDate}.
 */
@Entity
@NamedQuery(
    name = "Project.upcoming",
    query =
        "SELECT p FROM Project p WHERE p.startDate >= :cutoff AND p.startDate >= :from AND"
            + " p.startDate < :until ORDER BY p.startDate, p.id")
@NamedQuery(
    name = "Project.done",
    query =
        "SELECT p FROM Project p WHERE p.startDate < :cutoff AND p.startDate >= :from AND"
            + " p.startDate < :until ORDER BY p.startDate DESC, p.id DESC")
@NamedQuery(
    name = "Project.countUpcoming",
    query =
        "SELECT COUNT(p) FROM Project p WHERE p.startDate >= :cutoff AND p.startDate >= :from AND"
            + " p.startDate < :until")
@NamedQuery(
    name = "Project.countDone",
    query =
        "SELECT COUNT(p) FROM Project p WHERE p.startDate < :cutoff AND p.startDate >= :from AND"
            + " p.startDate < :until")
@NamedQuery(
    name = "Project.countRequests",
    query = "SELECT COUNT(r) FROM Request r WHERE r.projectNeed.projectId = :projectId")
@Table(name = "Project")
public class Project extends Timestamped {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Integer id;

  private String projectId;

  private String name;

  private Instant startDate;

  private Integer weekNumber;

  private String rehearsalSchedule;

  private String concertInfo;

  private String notes;

  @PrePersist
  void onPersist() {
    if (projectId == null) {
      projectId = Ids.newId();
    }
  }

  public Integer getId() {
    return id;
  }

  public void setId(Integer id) {
    this.id = id;
  }

  public String getProjectId() {
    return projectId;
  }

  public void setProjectId(String projectId) {
    this.projectId = projectId;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Instant getStartDate() {
    return startDate;
  }

  public void setStartDate(Instant startDate) {
    this.startDate = startDate;
  }

  public Integer getWeekNumber() {
    return weekNumber;
  }

  public void setWeekNumber(Integer weekNumber) {
    this.weekNumber = weekNumber;
  }

  public String getRehearsalSchedule() {
    return rehearsalSchedule;
  }

  public void setRehearsalSchedule(String rehearsalSchedule) {
    this.rehearsalSchedule = rehearsalSchedule;
  }

  public String getConcertInfo() {
    return concertInfo;
  }

  public void setConcertInfo(String concertInfo) {
    this.concertInfo = concertInfo;
  }

  public String getNotes() {
    return notes;
  }

  public void setNotes(String notes) {
    this.notes = notes;
  }
}
