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
import org.ripieno.persistence.Ids;

/**
 * One entry in a request's message history (e.g. {@code request_sent}, {@code reminder_sent},
 * {@code response_received}).
 */
@Entity
@Table(name = "CommunicationLog")
public class CommunicationLog {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Integer id;

  private String communicationLogId;

  private Integer requestId;

  private String type;

  private Instant timestamp;

  private String emailContent;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "requestId", insertable = false, updatable = false)
  private Request request;

  /** One entry of a request's history ({@code request_sent}, {@code response_received}, ...). */
  public static CommunicationLog of(String code, Integer requestId, String type, Instant now) {
    CommunicationLog log = new CommunicationLog();
    log.communicationLogId = code;
    log.requestId = requestId;
    log.type = type;
    log.timestamp = now;
    return log;
  }

  @PrePersist
  void onPersist() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    if (communicationLogId == null) {
      communicationLogId = Ids.newId();
    }
    if (timestamp == null) {
      timestamp = now;
    }
  }

  public Integer getId() {
    return id;
  }

  public void setId(Integer id) {
    this.id = id;
  }

  public String getCommunicationLogId() {
    return communicationLogId;
  }

  public void setCommunicationLogId(String communicationLogId) {
    this.communicationLogId = communicationLogId;
  }

  public Integer getRequestId() {
    return requestId;
  }

  public void setRequestId(Integer requestId) {
    this.requestId = requestId;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public Instant getTimestamp() {
    return timestamp;
  }

  public void setTimestamp(Instant timestamp) {
    this.timestamp = timestamp;
  }

  public String getEmailContent() {
    return emailContent;
  }

  public void setEmailContent(String emailContent) {
    this.emailContent = emailContent;
  }

  /** Read-only navigation; {@code requestId} is the attribute that is written. */
  public Request getRequest() {
    return request;
  }

  /** Sets the relation and {@code requestId} together. */
  public void setRequest(Request request) {
    this.request = request;
    this.requestId = request == null ? null : request.getId();
  }
}
