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
    MimeMessage message = new FixedIdMessage(session, mail.messageId());
    message.setFrom(new InternetAddress(settings.from()));
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
    Transport.send(message);
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
