package org.ripieno.orchestra.files.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ripieno.mail.OutgoingMail;
import org.ripieno.orchestra.files.entity.ProjectFile;
import org.ripieno.orchestra.projects.entity.ProjectNeed;
import org.ripieno.orchestra.staffing.entity.OutboxMessage;
import org.ripieno.orchestra.staffing.entity.Request;
import org.ripieno.orchestra.templates.control.TemplateText;
import org.ripieno.tenancy.OrchestraData;

/**
 * The files a staffing mail carries (legacy-system.md §3.15): the request mail the {@code
 * on_request} files, the confirmation the {@code on_accept} files, each the need's own and the
 * project's general ones, every stored file once. When they would pass 7 MB together the mail
 * carries download links instead ({@link AttachmentRule}, {@link AttachmentLinks}).
 */
@ApplicationScoped
public class MailAttachments {

  @Inject @OrchestraData EntityManager orchestra;
  @Inject StoredFiles stored;
  @Inject AttachmentLinks links;

  /** The mail with its files attached, or with links to them; other kinds unchanged. */
  public OutgoingMail attachTo(OutboxMessage message, OutgoingMail mail, String publicUrl) {
    String timing = timing(message.getKind());
    if (timing == null || message.getRequestId() == null) {
      return mail;
    }
    Request request = orchestra.find(Request.class, message.getRequestId());
    ProjectNeed need = orchestra.find(ProjectNeed.class, request.getProjectNeedId());
    Map<String, ProjectFile> byStorage = new LinkedHashMap<>();
    orchestra
        .createQuery(
            "SELECT f FROM ProjectFile f WHERE f.projectId = :projectId AND f.sendTiming = :timing"
                + " AND (f.projectNeedId = :needId OR f.projectNeedId IS NULL) ORDER BY f.id",
            ProjectFile.class)
        .setParameter("projectId", need.getProjectId())
        .setParameter("timing", timing)
        .setParameter("needId", need.getId())
        .getResultList()
        .forEach(
            file -> {
              String storageId = StoredFiles.storageIdOf(file.getFileUrl());
              if (storageId != null) {
                byStorage.putIfAbsent(storageId, file);
              }
            });
    if (byStorage.isEmpty()) {
      return mail;
    }
    Map<String, Integer> sizes = stored.sizes(byStorage.keySet());
    byStorage.keySet().retainAll(sizes.keySet());
    if (!AttachmentRule.asLinks(new ArrayList<>(sizes.values()))) {
      List<OutgoingMail.Attachment> attachments = new ArrayList<>();
      byStorage.forEach(
          (storageId, file) ->
              stored
                  .content(storageId, name(file))
                  .ifPresent(
                      content ->
                          attachments.add(
                              new OutgoingMail.Attachment(
                                  content.name(), content.mimeType(), content.bytes()))));
      return new OutgoingMail(
          mail.to(), mail.subject(), mail.text(), mail.html(), mail.messageId(), attachments);
    }
    boolean english = "en".equals(message.getLanguage());
    String heading =
        english
            ? "The files are too large to attach; download them here while your request is open:"
            : "Filerna är för stora för att bifogas; hämta dem här så länge din förfrågan gäller:";
    StringBuilder text = new StringBuilder(heading);
    StringBuilder markdown = new StringBuilder(heading);
    byStorage.forEach(
        (storageId, file) -> {
          String url =
              publicUrl
                  + "/api/public/files/"
                  + links.tokenFor(message.getMessageId(), request.getId(), storageId, name(file));
          text.append('\n').append(name(file)).append(": ").append(url);
          markdown.append('\n').append('[').append(name(file)).append("](").append(url).append(')');
        });
    return new OutgoingMail(
        mail.to(),
        mail.subject(),
        mail.text() + "\n\n" + text,
        mail.html() + TemplateText.html(markdown.toString()),
        mail.messageId(),
        List.of());
  }

  private static String timing(String kind) {
    if (OutboxMessage.Kind.REQUEST.value().equals(kind)) {
      return FileChoices.ON_REQUEST;
    }
    if (OutboxMessage.Kind.CONFIRMATION.value().equals(kind)) {
      return FileChoices.ON_ACCEPT;
    }
    return null;
  }

  private static String name(ProjectFile file) {
    return file.getOriginalFileName() == null ? file.getFileName() : file.getOriginalFileName();
  }
}
