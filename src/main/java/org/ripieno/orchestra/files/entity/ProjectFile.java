package org.ripieno.orchestra.files.entity;

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
import org.ripieno.orchestra.projects.entity.Project;
import org.ripieno.orchestra.projects.entity.ProjectNeed;
import org.ripieno.persistence.Ids;

/**
 * A file associated with a project, or with one of its needs, sent with the request or the
 * confirmation email ({@code sendTiming}).
 */
@Entity
@Table(name = "ProjectFile")
public class ProjectFile {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Integer id;

  private String projectFileId;

  private Integer projectId;

  private String fileName;

  private String originalFileName;

  private String mimeType;

  private String fileUrl;

  private String fileType;

  private Instant uploadedAt;

  private Integer projectNeedId;

  private String sendTiming = "on_request";

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "projectId", insertable = false, updatable = false)
  private Project project;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "projectNeedId", insertable = false, updatable = false)
  private ProjectNeed projectNeed;

  @PrePersist
  void onPersist() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    if (projectFileId == null) {
      projectFileId = Ids.newId();
    }
    if (uploadedAt == null) {
      uploadedAt = now;
    }
  }

  public Integer getId() {
    return id;
  }

  public void setId(Integer id) {
    this.id = id;
  }

  public String getProjectFileId() {
    return projectFileId;
  }

  public void setProjectFileId(String projectFileId) {
    this.projectFileId = projectFileId;
  }

  public Integer getProjectId() {
    return projectId;
  }

  public void setProjectId(Integer projectId) {
    this.projectId = projectId;
  }

  public String getFileName() {
    return fileName;
  }

  public void setFileName(String fileName) {
    this.fileName = fileName;
  }

  public String getOriginalFileName() {
    return originalFileName;
  }

  public void setOriginalFileName(String originalFileName) {
    this.originalFileName = originalFileName;
  }

  public String getMimeType() {
    return mimeType;
  }

  public void setMimeType(String mimeType) {
    this.mimeType = mimeType;
  }

  public String getFileUrl() {
    return fileUrl;
  }

  public void setFileUrl(String fileUrl) {
    this.fileUrl = fileUrl;
  }

  public String getFileType() {
    return fileType;
  }

  public void setFileType(String fileType) {
    this.fileType = fileType;
  }

  public Instant getUploadedAt() {
    return uploadedAt;
  }

  public void setUploadedAt(Instant uploadedAt) {
    this.uploadedAt = uploadedAt;
  }

  public Integer getProjectNeedId() {
    return projectNeedId;
  }

  public void setProjectNeedId(Integer projectNeedId) {
    this.projectNeedId = projectNeedId;
  }

  public String getSendTiming() {
    return sendTiming;
  }

  public void setSendTiming(String sendTiming) {
    this.sendTiming = sendTiming;
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

  /** Read-only navigation; {@code projectNeedId} is the attribute that is written. */
  public ProjectNeed getProjectNeed() {
    return projectNeed;
  }

  /** Sets the relation and {@code projectNeedId} together. */
  public void setProjectNeed(ProjectNeed projectNeed) {
    this.projectNeed = projectNeed;
    this.projectNeedId = projectNeed == null ? null : projectNeed.getId();
  }
}
