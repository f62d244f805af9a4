package org.ripieno.orchestra.staffing.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A single-use secret for the magic link with which a musician answers a request. The token is the
 * primary key and is assigned by the application.
 */
@Entity
@Table(name = "RequestToken")
public class RequestToken {

  @Id private String token;

  private Integer requestId;

  private Instant createdAt;

  private Instant expiresAt;

  private Instant usedAt;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "requestId", insertable = false, updatable = false)
  private Request request;

  /** The link's secret for a request, valid until {@code expiresAt}. */
  public static RequestToken issue(String token, Request request, Instant now, Instant expiresAt) {
    RequestToken issued = new RequestToken();
    issued.token = token;
    issued.setRequest(request);
    issued.createdAt = now;
    issued.expiresAt = expiresAt;
    return issued;
  }

  public boolean isUsed() {
    return usedAt != null;
  }

  /** Whether the time to answer has passed ({@code expiresAt} itself is too late). */
  public boolean hasExpired(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  /** Single use: the answer was taken. */
  public void use(Instant now) {
    if (usedAt != null) {
      throw new IllegalStateException("The token was already used");
    }
    usedAt = now;
  }

  @PrePersist
  void onPersist() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    if (createdAt == null) {
      createdAt = now;
    }
  }

  public String getToken() {
    return token;
  }

  public void setToken(String token) {
    this.token = token;
  }

  public Integer getRequestId() {
    return requestId;
  }

  public void setRequestId(Integer requestId) {
    this.requestId = requestId;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(Instant createdAt) {
    this.createdAt = createdAt;
  }

  public Instant getExpiresAt() {
    return expiresAt;
  }

  public void setExpiresAt(Instant expiresAt) {
    this.expiresAt = expiresAt;
  }

  public Instant getUsedAt() {
    return usedAt;
  }

  public void setUsedAt(Instant usedAt) {
    this.usedAt = usedAt;
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
