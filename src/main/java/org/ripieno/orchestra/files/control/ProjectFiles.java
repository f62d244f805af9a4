package org.ripieno.orchestra.files.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.tika.Tika;
import org.ripieno.orchestra.codes.control.CodeType;
import org.ripieno.orchestra.codes.control.IdCodes;
import org.ripieno.orchestra.files.entity.FileStorage;
import org.ripieno.orchestra.files.entity.ProjectFile;
import org.ripieno.orchestra.projects.control.Projects;
import org.ripieno.orchestra.projects.entity.Project;
import org.ripieno.orchestra.projects.entity.ProjectNeed;
import org.ripieno.persistence.Ids;
import org.ripieno.tenancy.OrchestraData;
import org.ripieno.tenancy.OrchestraTransactional;
import org.ripieno.web.ProblemException;
import org.ripieno.web.Text;

/**
 * A project's files (legacy-system.md §2.4 "Files", §3.15): uploaded to the project or to one of
 * its needs, checked by name and by content, kept in the orchestra's database; linked to further
 * needs without copying the bytes; deleted, the bytes with the last file that names them.
 */
@ApplicationScoped
public class ProjectFiles {

  /** The largest file (legacy: 10 MB). */
  public static final int MAX_BYTES = 10 * 1024 * 1024;

  private static final Tika TIKA = new Tika();

  @Inject @OrchestraData EntityManager orchestra;
  @Inject Projects projects;
  @Inject StoredFiles stored;
  @Inject IdCodes codes;
  @Inject Clock clock;

  /** The project's files, newest first; with a need, that need's files only. */
  public List<FileView> list(int projectId, Integer needId) {
    projects.find(projectId);
    if (needId != null) {
      need(projectId, needId);
    }
    TypedQuery<ProjectFile> query =
        orchestra
            .createQuery(
                "SELECT f FROM ProjectFile f WHERE f.projectId = :projectId"
                    + (needId == null ? "" : " AND f.projectNeedId = :needId")
                    + " ORDER BY f.uploadedAt DESC, f.id DESC",
                ProjectFile.class)
            .setParameter("projectId", projectId);
    if (needId != null) {
      query.setParameter("needId", needId);
    }
    List<ProjectFile> files = query.getResultList();
    Map<String, Integer> sizes =
        stored.sizes(files.stream().map(f -> StoredFiles.storageIdOf(f.getFileUrl())).toList());
    return files.stream()
        .map(f -> FileView.of(f, sizes.get(StoredFiles.storageIdOf(f.getFileUrl()))))
        .toList();
  }

  /**
   * Keeps an upload: the name sanitised, the type decided from name and content, the bytes stored
   * once.
   */
  @OrchestraTransactional
  public FileView upload(int projectId, Integer needId, FileUpload upload) {
    Project project = projects.find(projectId);
    ProjectNeed need = needId == null ? null : need(projectId, needId);
    boolean forNeed = need != null;
    String fileType = FileChoices.fileType(upload.fileType(), forNeed);
    String sendTiming = FileChoices.sendTiming(upload.sendTiming(), forNeed);
    String name = FileNames.sanitised(upload.originalName());
    byte[] content = upload.content();
    if (content == null || content.length == 0) {
      throw ProblemException.badRequest("The file {0} is empty.", "Filen {0} är tom.", name);
    }
    if (content.length > MAX_BYTES) {
      throw tooLarge();
    }
    String mimeType = FileTypes.decide(name, TIKA.detect(content));
    String displayName =
        upload.fileName() == null || upload.fileName().isBlank()
            ? name
            : FileNames.sanitised(
                upload.fileName().strip()
                    + (FileNames.extension(upload.fileName()).isEmpty()
                        ? "." + FileNames.extension(name)
                        : ""));
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    FileStorage storage = new FileStorage();
    storage.setId(Ids.newId());
    storage.setFileName(
        "project-"
            + project.getId()
            + (forNeed ? "-need-" + need.getId() : "-general")
            + "-"
            + now.toEpochMilli()
            + "-"
            + storage.getId()
            + "."
            + FileNames.extension(name));
    storage.setOriginalName(name);
    storage.setMimeType(mimeType);
    storage.setSize(content.length);
    storage.setContent(content);
    storage.setProject(project);
    storage.setNeedId(forNeed ? need.getId() : null);
    storage.setCreatedAt(now);
    orchestra.persist(storage);
    ProjectFile file = new ProjectFile();
    file.setProjectFileId(codes.next(CodeType.PROJECT_FILE));
    file.setProject(project);
    file.setProjectNeed(need);
    file.setFileName(displayName);
    file.setOriginalFileName(name);
    file.setMimeType(mimeType);
    file.setFileUrl(StoredFiles.urlOf(storage.getId()));
    file.setFileType(fileType);
    file.setSendTiming(sendTiming);
    file.setUploadedAt(now);
    orchestra.persist(file);
    orchestra.flush();
    return FileView.of(file, content.length);
  }

  /** Links a file of the project to one more need: a new row, the same bytes. */
  @OrchestraTransactional
  public FileView link(int projectId, int needId, FileLinkInput input) {
    projects.find(projectId);
    ProjectNeed need = need(projectId, needId);
    if (input == null || input.fileId() == null) {
      throw ProblemException.badRequest(
          "fileId names the project's file to link.",
          "fileId anger projektets fil som ska länkas.");
    }
    ProjectFile source = find(input.fileId());
    if (!source.getProjectId().equals(projectId)) {
      throw ProblemException.badRequest(
          "File {0} belongs to another project.",
          "Fil {0} hör till ett annat projekt.", String.valueOf(input.fileId()));
    }
    String fileType =
        FileChoices.fileType(
            input.fileType() == null ? FileChoices.SHEET_MUSIC : input.fileType(), true);
    String sendTiming = FileChoices.sendTiming(input.sendTiming(), true);
    boolean already =
        !orchestra
            .createQuery(
                "SELECT f.id FROM ProjectFile f WHERE f.projectNeedId = :needId"
                    + " AND f.fileUrl = :url",
                Integer.class)
            .setParameter("needId", needId)
            .setParameter("url", source.getFileUrl())
            .getResultList()
            .isEmpty();
    if (already) {
      throw ProblemException.conflict(
          "The file is already linked to need {0}.",
          "Filen är redan länkad till behov {0}.", String.valueOf(needId));
    }
    ProjectFile file = new ProjectFile();
    file.setProjectFileId(codes.next(CodeType.PROJECT_FILE));
    file.setProjectId(projectId);
    file.setProjectNeed(need);
    file.setFileName(source.getFileName());
    file.setOriginalFileName(source.getOriginalFileName());
    file.setMimeType(source.getMimeType());
    file.setFileUrl(source.getFileUrl());
    file.setFileType(fileType);
    file.setSendTiming(sendTiming);
    file.setUploadedAt(clock.instant().truncatedTo(ChronoUnit.MILLIS));
    orchestra.persist(file);
    orchestra.flush();
    return view(file);
  }

  public FileView get(int fileId) {
    return view(find(fileId));
  }

  /** The file as shown, with the size of the bytes it names (none when they are not kept). */
  private FileView view(ProjectFile file) {
    String storageId = StoredFiles.storageIdOf(file.getFileUrl());
    return FileView.of(
        file, stored.sizes(storageId == null ? List.of() : List.of(storageId)).get(storageId));
  }

  /** The bytes to download, under the file's original name. */
  public StoredFiles.Content download(int fileId) {
    ProjectFile file = find(fileId);
    String name =
        file.getOriginalFileName() == null ? file.getFileName() : file.getOriginalFileName();
    return stored
        .content(StoredFiles.storageIdOf(file.getFileUrl()), name)
        .orElseThrow(
            () ->
                ProblemException.notFound(
                    "The content of file {0} is not kept in Ripieno.",
                    "Innehållet i fil {0} finns inte i Ripieno.", String.valueOf(fileId)));
  }

  /** Deletes the file; its bytes go too when no other file names them. */
  @OrchestraTransactional
  public void delete(int fileId) {
    ProjectFile file = find(fileId);
    String url = file.getFileUrl();
    orchestra.remove(file);
    orchestra.flush();
    long others =
        orchestra
            .createQuery("SELECT COUNT(f) FROM ProjectFile f WHERE f.fileUrl = :url", Long.class)
            .setParameter("url", url)
            .getSingleResult();
    String storageId = StoredFiles.storageIdOf(url);
    if (others == 0 && storageId != null) {
      orchestra
          .createQuery("DELETE FROM FileStorage s WHERE s.id = :id")
          .setParameter("id", storageId)
          .executeUpdate();
    }
  }

  /** The 413 of a file over 10 MB. */
  public static ProblemException tooLarge() {
    return new ProblemException(
        Response.Status.REQUEST_ENTITY_TOO_LARGE,
        Text.of("The file is larger than 10 MB.", "Filen är större än 10 MB."));
  }

  private ProjectFile find(int fileId) {
    ProjectFile file = orchestra.find(ProjectFile.class, fileId);
    if (file == null) {
      throw ProblemException.notFound(
          "There is no file {0}.", "Det finns ingen fil {0}.", String.valueOf(fileId));
    }
    return file;
  }

  private ProjectNeed need(int projectId, int needId) {
    ProjectNeed need = orchestra.find(ProjectNeed.class, needId);
    if (need == null || !need.getProjectId().equals(projectId)) {
      throw ProblemException.notFound(
          "Project {0} has no need {1}.",
          "Projekt {0} har inget behov {1}.", String.valueOf(projectId), String.valueOf(needId));
    }
    return need;
  }
}
