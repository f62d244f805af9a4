package org.ripieno.orchestra.files.entity;

import jakarta.persistence.Basic;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.ripieno.orchestra.projects.entity.Project;

/**
 * The bytes of an uploaded file, stored in the database and served at {@code /api/files/{id}}. The
 * id is assigned by the application; {@code needId} has no foreign key.
 */
@Entity
@Table(name = "FileStorage")
public class FileStorage {

  @Id private String id;

  private String fileName;

  private String originalName;

  private String mimeType;

  private Integer size;

  @Basic(fetch = FetchType.LAZY)
  private byte[] content;

  private Integer projectId;

  private Integer needId;

  private Instant createdAt;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "projectId", insertable = false, updatable = false)
  private Project project;

  @PrePersist
  void onPersist() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    if (createdAt == null) {
      createdAt = now;
    }
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public String getFileName() {
    return fileName;
  }

  public void setFileName(String fileName) {
    this.fileName = fileName;
  }

  public String getOriginalName() {
    return originalName;
  }

  public void setOriginalName(String originalName) {
    this.originalName = originalName;
  }

  public String getMimeType() {
    return mimeType;
  }

  public void setMimeType(String mimeType) {
    this.mimeType = mimeType;
  }

  public Integer getSize() {
    return size;
  }

  public void setSize(Integer size) {
    this.size = size;
  }

  public byte[] getContent() {
    return content;
  }

  public void setContent(byte[] content) {
    this.content = content;
  }

  public Integer getProjectId() {
    return projectId;
  }

  public void setProjectId(Integer projectId) {
    this.projectId = projectId;
  }

  public Integer getNeedId() {
    return needId;
  }

  public void setNeedId(Integer needId) {
    this.needId = needId;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(Instant createdAt) {
    this.createdAt = createdAt;
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
}
