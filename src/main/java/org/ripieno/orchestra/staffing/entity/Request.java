package org.ripieno.orchestra.staffing.entity;

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
import java.time.temporal.ChronoUnit;
import org.ripieno.orchestra.musicians.entity.Musician;
import org.ripieno.orchestra.projects.entity.ProjectNeed;
import org.ripieno.persistence.Ids;

/**
 * One request to one musician for one project need; {@code status} goes from {@code pending} to
 * {@code accepted}, {@code declined}, {@code timed_out} or {@code cancelled}.
 */
@Entity
@Table(name = "Request")
public class Request {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Integer id;

  private String requestId;

  private Integer projectNeedId;

  private Integer musicianId;

  private String status = "pending";

  private Instant sentAt;

  private Instant reminderSentAt;

  private Instant respondedAt;

  private String response;

  private Boolean confirmationSent = false;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "projectNeedId", insertable = false, updatable = false)
  private ProjectNeed projectNeed;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "musicianId", insertable = false, updatable = false)
  private Musician musician;

  /** A new pending request of a need to a musician, sent now. */
  public static Request pending(String code, Integer needId, Integer musicianId, Instant now) {
    Request request = new Request();
    request.requestId = code;
    request.projectNeedId = needId;
    request.musicianId = musicianId;
    request.status = "pending";
    request.sentAt = now;
    return request;
  }

  public boolean isPending() {
    return "pending".equals(status);
  }

  /** The musician's answer ({@code accepted} or {@code declined}) to a pending request. */
  public void answer(boolean accepted, Instant now) {
    requirePending();
    status = accepted ? "accepted" : "declined";
    respondedAt = now;
  }

  /** Cancelled before the musician answered (the position was filled, or a manager withdrew it). */
  public void cancel(Instant now) {
    requirePending();
    status = "cancelled";
    respondedAt = now;
  }

  /**
   * An accepted musician dropped out and the manager withdrew them: the request counts as declined
   * from now on (they are not asked again in the project), answered at the time of the withdrawal.
   */
  public void withdraw(Instant now) {
    if (!"accepted".equals(status)) {
      throw new IllegalStateException("Request " + requestId + " is " + status + ", not accepted");
    }
    status = "declined";
    respondedAt = now;
  }

  /** The one reminder of a pending request is on its way. */
  public void remind(Instant now) {
    requirePending();
    reminderSentAt = now;
  }

  /** Unanswered by its deadline; {@code respondedAt} stays empty (nobody answered). */
  public void timeOut() {
    requirePending();
    status = "timed_out";
  }

  /** The confirmation of an accepted request is on its way. */
  public void confirmationQueued() {
    confirmationSent = true;
  }

  private void requirePending() {
    if (!isPending()) {
      throw new IllegalStateException("Request " + requestId + " is " + status + ", not pending");
    }
  }

  @PrePersist
  void onPersist() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    if (requestId == null) {
      requestId = Ids.newId();
    }
    if (sentAt == null) {
      sentAt = now;
    }
  }

  public Integer getId() {
    return id;
  }

  public void setId(Integer id) {
    this.id = id;
  }

  public String getRequestId() {
    return requestId;
  }

  public void setRequestId(String requestId) {
    this.requestId = requestId;
  }

  public Integer getProjectNeedId() {
    return projectNeedId;
  }

  public void setProjectNeedId(Integer projectNeedId) {
    this.projectNeedId = projectNeedId;
  }

  public Integer getMusicianId() {
    return musicianId;
  }

  public void setMusicianId(Integer musicianId) {
    this.musicianId = musicianId;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public Instant getSentAt() {
    return sentAt;
  }

  public void setSentAt(Instant sentAt) {
    this.sentAt = sentAt;
  }

  public Instant getReminderSentAt() {
    return reminderSentAt;
  }

  public void setReminderSentAt(Instant reminderSentAt) {
    this.reminderSentAt = reminderSentAt;
  }

  public Instant getRespondedAt() {
    return respondedAt;
  }

  public void setRespondedAt(Instant respondedAt) {
    this.respondedAt = respondedAt;
  }

  public String getResponse() {
    return response;
  }

  public void setResponse(String response) {
    this.response = response;
  }

  public Boolean getConfirmationSent() {
    return confirmationSent;
  }

  public void setConfirmationSent(Boolean confirmationSent) {
    this.confirmationSent = confirmationSent;
  }

  /** Read-only navigation; {@code projectNeedId} is the attribute that is written. */
  public ProjectNeed getProjectNeed() {
    return projectNeed;
  }

  /** Sets the relation and {@code projectNeedId} together. */
  public void setProjectNeed(ProjectNeed projectNeed) {
    this.projectNeed = projectNeed;
    this.projectNeedId = projectNeed == null ? null : projectNeed.getId();
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
