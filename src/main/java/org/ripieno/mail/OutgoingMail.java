package org.ripieno.mail;

import java.util.List;

/**
 * One mail ready to go: recipient, subject, a plain-text and an HTML body, the {@code Message-ID}
 * that stays the same on every attempt, and files attached to it (none for most mails).
 */
public record OutgoingMail(
    String to,
    String subject,
    String text,
    String html,
    String messageId,
    List<Attachment> attachments) {

  /** A file that goes with a mail. */
  public record Attachment(String name, String mimeType, byte[] content) {}

  public OutgoingMail {
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  /** A mail without attachments. */
  public OutgoingMail(String to, String subject, String text, String html, String messageId) {
    this(to, subject, text, html, messageId, List.of());
  }
}
