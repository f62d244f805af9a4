package org.ripieno.central.systemlog.entity;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.ripieno.persistence.Ids;
import org.ripieno.persistence.JsonbConverter;

/**
 * One entry of the central application log {@code "SystemLog"}; tenant events carry the orchestra's
 * id in {@code orchestraId}.
 */
@Entity
@Table(name = "SystemLog")
public class SystemLog {

  @Id private String id;

  private Instant timestamp;
  private String level;
  private String category;
  private String message;

  @Convert(converter = JsonbConverter.class)
  private String metadata;

  private String userId;
  private String orchestraId;
  private String subdomain;
  private String ip;
  private String userAgent;
  private String requestId;

  /** Duration in milliseconds. */
  private Integer duration;

  @PrePersist
  void prePersist() {
    if (id == null) {
      id = Ids.newId();
    }
    if (timestamp == null) {
      timestamp = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public Instant getTimestamp() {
    return timestamp;
  }

  public void setTimestamp(Instant timestamp) {
    this.timestamp = timestamp;
  }

  public String getLevel() {
    return level;
  }

  public void setLevel(String level) {
    this.level = level;
  }

  public String getCategory() {
    return category;
  }

  public void setCategory(String category) {
    this.category = category;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public String getMetadata() {
    return metadata;
  }

  public void setMetadata(String metadata) {
    this.metadata = metadata;
  }

  public String getUserId() {
    return userId;
  }

  public void setUserId(String userId) {
    this.userId = userId;
  }

  public String getOrchestraId() {
    return orchestraId;
  }

  public void setOrchestraId(String orchestraId) {
    this.orchestraId = orchestraId;
  }

  public String getSubdomain() {
    return subdomain;
  }

  public void setSubdomain(String subdomain) {
    this.subdomain = subdomain;
  }

  public String getIp() {
    return ip;
  }

  public void setIp(String ip) {
    this.ip = ip;
  }

  public String getUserAgent() {
    return userAgent;
  }

  public void setUserAgent(String userAgent) {
    this.userAgent = userAgent;
  }

  public String getRequestId() {
    return requestId;
  }

  public void setRequestId(String requestId) {
    this.requestId = requestId;
  }

  public Integer getDuration() {
    return duration;
  }

  public void setDuration(Integer duration) {
    this.duration = duration;
  }
}
