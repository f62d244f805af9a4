package org.ripieno.orchestra.files.control;

import java.time.Instant;
import org.ripieno.orchestra.files.entity.ProjectFile;

/**
 * A project's file as the API shows it.
 *
 * @param id what {@code /files/{fileId}} takes
 * @param code the legacy {@code FILE###}
 * @param needId null for a general project file
 * @param fileName the display name
 * @param originalFileName the name it is attached under
 * @param size bytes; null when the bytes are not in this database (an adopted legacy URL)
 * @param fileType {@code general_info} or {@code sheet_music}
 * @param sendTiming {@code on_request} (with the request) or {@code on_accept} (with the
 *     confirmation)
 * @param storageId the stored bytes, shared by every need the file is linked to
 */
public record FileView(
    int id,
    String code,
    int projectId,
    Integer needId,
    String fileName,
    String originalFileName,
    String mimeType,
    Integer size,
    String fileType,
    String sendTiming,
    Instant uploadedAt,
    String storageId) {

  static FileView of(ProjectFile file, Integer size) {
    return new FileView(
        file.getId(),
        file.getProjectFileId(),
        file.getProjectId(),
        file.getProjectNeedId(),
        file.getFileName(),
        file.getOriginalFileName(),
        file.getMimeType(),
        size,
        file.getFileType(),
        file.getSendTiming(),
        file.getUploadedAt(),
        StoredFiles.storageIdOf(file.getFileUrl()));
  }
}
