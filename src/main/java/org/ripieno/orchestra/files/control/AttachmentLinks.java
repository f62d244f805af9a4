package org.ripieno.orchestra.files.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.ripieno.orchestra.files.entity.AttachmentLink;
import org.ripieno.orchestra.staffing.entity.Request;
import org.ripieno.security.tokens.ResponseTokens;
import org.ripieno.tenancy.CurrentOrchestra;
import org.ripieno.tenancy.OrchestraData;
import org.ripieno.tenancy.OrchestraTransactional;
import org.ripieno.web.ProblemException;

/**
 * The download links a mail carries instead of its attachments. A link's token is its whole secret
 * ({@code <orchestra id>.<256 random bits>}, as the answer links, so the public download finds the
 * orchestra the same way); one per message and file, so a message delivered again carries the same
 * links. A link works while its request does: pending before its deadline, or accepted.
 */
@ApplicationScoped
public class AttachmentLinks {

  @Inject @OrchestraData EntityManager orchestra;
  @Inject CurrentOrchestra current;
  @Inject StoredFiles stored;
  @Inject Clock clock;

  /** The token of the message's link to the stored file, made on first use. */
  @OrchestraTransactional
  public String tokenFor(String messageId, int requestId, String storageId, String fileName) {
    return orchestra
        .createQuery(
            "SELECT l.token FROM AttachmentLink l WHERE l.messageId = :messageId"
                + " AND l.storageId = :storageId",
            String.class)
        .setParameter("messageId", messageId)
        .setParameter("storageId", storageId)
        .getResultStream()
        .findFirst()
        .orElseGet(
            () -> {
              AttachmentLink link =
                  AttachmentLink.issue(
                      ResponseTokens.newToken(current.require().orchestraId()),
                      messageId,
                      requestId,
                      storageId,
                      fileName,
                      clock.instant().truncatedTo(ChronoUnit.MILLIS));
              orchestra.persist(link);
              return link.getToken();
            });
  }

  /**
   * The file behind a link of the current orchestra.
   *
   * @throws ProblemException 404 for an unknown link, 410 when its request is over
   */
  public StoredFiles.Content download(String token) {
    AttachmentLink link = orchestra.find(AttachmentLink.class, token);
    if (link == null) {
      throw ProblemException.notFound(
          ResponseTokens.UNKNOWN_LINK.english(), ResponseTokens.UNKNOWN_LINK.swedish());
    }
    Request request = orchestra.find(Request.class, link.getRequestId());
    if (request == null || !open(request, clock.instant())) {
      throw new ProblemException(
          jakarta.ws.rs.core.Response.Status.GONE,
          org.ripieno.web.Text.of(
              "This download link has expired with its request.",
              "Länken har gått ut med sin förfrågan."));
    }
    return stored
        .content(link.getStorageId(), link.getFileName())
        .orElseThrow(
            () ->
                ProblemException.notFound(
                    "The file is no longer kept.", "Filen finns inte längre kvar."));
  }

  /** Accepted, or pending with an answer link still in time. */
  private boolean open(Request request, Instant now) {
    if ("accepted".equals(request.getStatus())) {
      return true;
    }
    if (!request.isPending()) {
      return false;
    }
    return orchestra
            .createQuery(
                "SELECT COUNT(t) FROM RequestToken t WHERE t.requestId = :requestId"
                    + " AND (t.expiresAt IS NULL OR t.expiresAt > :now)",
                Long.class)
            .setParameter("requestId", request.getId())
            .setParameter("now", now)
            .getSingleResult()
        > 0;
  }
}
