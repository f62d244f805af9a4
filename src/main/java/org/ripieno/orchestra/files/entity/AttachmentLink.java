package org.ripieno.orchestra.files.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A download link a mail carries instead of an attachment (its attachments would pass 7 MB). The
 * token is the link's whole secret; one link per message and file, so a repeated delivery of the
 * message carries the same links. It works while its request does.
 */
@Entity
@Table(name = "AttachmentLink")
public class AttachmentLink {

  @Id private String token;

  private String messageId;

  private Integer requestId;

  private String storageId;

  private String fileName;

  private Instant createdAt;

  protected AttachmentLink() {}

  public static AttachmentLink issue(
      String token,
      String messageId,
      Integer requestId,
      String storageId,
      String fileName,
      Instant now) {
    AttachmentLink link = new AttachmentLink();
    link.token = token;
    link.messageId = messageId;
    link.requestId = requestId;
    link.storageId = storageId;
    link.fileName = fileName;
    link.createdAt = now;
    return link;
  }

  public String getToken() {
    return token;
  }

  public String getMessageId() {
    return messageId;
  }

  public Integer getRequestId() {
    return requestId;
  }

  public String getStorageId() {
    return storageId;
  }

  public String getFileName() {
    return fileName;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
