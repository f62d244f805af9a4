package org.ripieno.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;

/**
 * Sends mail over one SMTP server with Jakarta Mail: {@code multipart/alternative} with a plain
 * text and an HTML part (inside {@code multipart/mixed} with the files when it has attachments),
 * and the message's own {@code Message-ID} (Jakarta Mail would otherwise make a new one at every
 * attempt).
 */
public class SmtpMailer {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final MailSettings settings;
  private final Session session;

  public SmtpMailer(MailSettings settings) {
    this.settings = settings;
    Properties properties = new Properties();
    String protocol = settings.security().equals("tls") ? "smtps" : "smtp";
    properties.put("mail.transport.protocol", protocol);
    properties.put("mail." + protocol + ".host", settings.host());
    properties.put("mail." + protocol + ".port", String.valueOf(settings.port()));
    properties.put("mail." + protocol + ".connectiontimeout", String.valueOf(TIMEOUT.toMillis()));
    properties.put("mail." + protocol + ".timeout", String.valueOf(TIMEOUT.toMillis()));
    properties.put("mail." + protocol + ".writetimeout", String.valueOf(TIMEOUT.toMillis()));
    if (settings.security().equals("starttls")) {
      properties.put("mail.smtp.starttls.enable", "true");
      properties.put("mail.smtp.starttls.required", "true");
    }
    boolean login = settings.user() != null;
    properties.put("mail." + protocol + ".auth", String.valueOf(login));
    this.session =
        Session.getInstance(
            properties,
            login
                ? new Authenticator() {
                  @Override
                  protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(settings.user(), settings.password());
                  }
                }
                : null);
  }

  /**
   * Sends one mail.
   *
   * @throws MessagingException when the server refuses it or cannot be reached
   */
  public void send(OutgoingMail mail) throws MessagingException {
    Transport.send(message(mail));
  }

  /**
   * Sends one mail at once over a connection of its own and answers what the server said to it (its
   * last reply, e.g. {@code 250 2.0.0 Ok: queued as ...}), for a test mail.
   *
   * @throws MessagingException when the server refuses it or cannot be reached; its message holds
   *     the server's reply
   */
  public String sendAndReport(OutgoingMail mail) throws MessagingException {
    MimeMessage message = message(mail);
    try (Transport transport = session.getTransport()) {
      transport.connect();
      transport.sendMessage(message, message.getAllRecipients());
      return lastReply(transport);
    }
  }

  /** Where and how this mailer sends (no secret). */
  public MailSettings settings() {
    return settings;
  }

  private MimeMessage message(OutgoingMail mail) throws MessagingException {
    MimeMessage message = new FixedIdMessage(session, mail.messageId());
    message.setFrom(sender());
    if (settings.replyTo() != null) {
      message.setReplyTo(new InternetAddress[] {new InternetAddress(settings.replyTo())});
    }
    message.setRecipients(MimeMessage.RecipientType.TO, InternetAddress.parse(mail.to(), true));
    message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
    message.setSentDate(new Date());
    MimeBodyPart text = new MimeBodyPart();
    text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    if (mail.attachments().isEmpty()) {
      message.setContent(alternative);
    } else {
      // multipart/mixed: the readable body first, then each file.
      MimeBodyPart body = new MimeBodyPart();
      body.setContent(alternative);
      MimeMultipart mixed = new MimeMultipart("mixed");
      mixed.addBodyPart(body);
      for (OutgoingMail.Attachment attachment : mail.attachments()) {
        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(
            new DataHandler(new ByteArrayDataSource(attachment.content(), attachment.mimeType())));
        file.setFileName(attachment.name());
        file.setDisposition(Part.ATTACHMENT);
        mixed.addBodyPart(file);
      }
      message.setContent(mixed);
    }
    message.saveChanges();
    return message;
  }

  /**
   * The SMTP transport's last reply. Read reflectively: the SMTP transport class is the mail
   * implementation's own (com.sun.mail or org.eclipse.angus.mail, by server), not Jakarta Mail's
   * API.
   */
  private static String lastReply(Transport transport) {
    try {
      Object reply = transport.getClass().getMethod("getLastServerResponse").invoke(transport);
      return reply == null ? "" : reply.toString().trim();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "accepted (the server's reply is not available)";
    }
  }

  private InternetAddress sender() throws MessagingException {
    try {
      return settings.fromName() == null
          ? new InternetAddress(settings.from())
          : new InternetAddress(
              settings.from(), settings.fromName(), StandardCharsets.UTF_8.name());
    } catch (java.io.UnsupportedEncodingException e) {
      throw new MessagingException("The sender's name cannot be written: " + e.getMessage());
    }
  }

  /** Keeps the outbox's Message-ID instead of making a new one when saved. */
  private static final class FixedIdMessage extends MimeMessage {

    private final String messageId;

    FixedIdMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
