package org.ripieno.orchestra.audit.entity;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.ripieno.persistence.Ids;
import org.ripieno.persistence.JsonbConverter;

/**
 * An intended audit trail of changes to entities (defined by the legacy schema, never written
 * there).
 */
@Entity
@Table(name = "AuditLog")
public class AuditLog {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Integer id;

  private String auditLogId;

  private String userId;

  private String action;

  private String entityType;

  private Integer entityId;

  @Convert(converter = JsonbConverter.class)
  private String oldValues;

  @Convert(converter = JsonbConverter.class)
  private String newValues;

  private Instant timestamp;

  @PrePersist
  void onPersist() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    if (auditLogId == null) {
      auditLogId = Ids.newId();
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

  public String getAuditLogId() {
    return auditLogId;
  }

  public void setAuditLogId(String auditLogId) {
    this.auditLogId = auditLogId;
  }

  public String getUserId() {
    return userId;
  }

  public void setUserId(String userId) {
    this.userId = userId;
  }

  public String getAction() {
    return action;
  }

  public void setAction(String action) {
    this.action = action;
  }

  public String getEntityType() {
    return entityType;
  }

  public void setEntityType(String entityType) {
    this.entityType = entityType;
  }

  public Integer getEntityId() {
    return entityId;
  }

  public void setEntityId(Integer entityId) {
    this.entityId = entityId;
  }

  public String getOldValues() {
    return oldValues;
  }

  public void setOldValues(String oldValues) {
    this.oldValues = oldValues;
  }

  public String getNewValues() {
    return newValues;
  }

  public void setNewValues(String newValues) {
    this.newValues = newValues;
  }

  public Instant getTimestamp() {
    return timestamp;
  }

  public void setTimestamp(Instant timestamp) {
    this.timestamp = timestamp;
  }
}
