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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends mail over one SMTP server with Jakarta Mail: {@code multipart/alternative} with a plain
 * text and an HTML part (inside {@code multipart/mixed} with the files when it has attachments),
 * and the message's own {@code Message-ID} (Jakarta Mail would otherwise make a new one at every
 * attempt).
 *
 * <p>Each connect, read and write waits at most {@code ripieno.mail.timeout} (20 s); a whole send
 * for the outbox at most {@link #sendLimit} (six of those), after which its sockets are closed and
 * the attempt fails like any other. The outbox's lease on a message rests on that limit. The outbox
 * sends a run's mails over one {@link Connection}. The transport is the session's own ({@code
 * mail.transport.protocol}): the static {@code Transport.send} picks the transport by the address
 * type, always {@code smtp}, and so missed an {@code smtps} server (implicit TLS).
 */
public class SmtpMailer {

  /** The default of {@code ripieno.mail.timeout}: one connect, one read, one write. */
  public static final Duration TIMEOUT = Duration.ofSeconds(20);

  /**
   * A whole send may take six timeouts (two minutes by default): the dozen exchanges of a healthy
   * server take a fraction of one, and the largest mail (7 MB of attachments, about 9.5 MB encoded)
   * goes at well under a megabit a second. A send cut there is tried again later.
   */
  private static final int TIMEOUTS_PER_SEND = 6;

  private final MailSettings settings;
  private final Duration timeout;
  private final ScheduledExecutorService watchdog;
  private final Session session;

  /** A mailer without a limit on the whole send (a test mail, answered to the admin at once). */
  public SmtpMailer(MailSettings settings) {
    this(settings, TIMEOUT, null);
  }

  /**
   * A mailer whose sends end by {@link #sendLimit}{@code (timeout)}: {@code watchdog} closes a
   * send's sockets when its time is up.
   */
  public SmtpMailer(MailSettings settings, Duration timeout, ScheduledExecutorService watchdog) {
    this.settings = settings;
    this.timeout = timeout;
    this.watchdog = watchdog;
    this.session = session(null);
  }

  /** The longest a {@link #send} takes with the given per-step {@code timeout}. */
  public static Duration sendLimit(Duration timeout) {
    return timeout.multipliedBy(TIMEOUTS_PER_SEND);
  }

  /**
   * Sends one mail over a connection of its own, within {@link #sendLimit} when this mailer has a
   * watchdog.
   *
   * @throws MessagingException when the server refuses it, cannot be reached, or took too long
   */
  public void send(OutgoingMail mail) throws MessagingException {
    try (Connection connection = connection()) {
      connection.send(mail);
    }
  }

  /**
   * A connection for several mails (the outbox's run), opened at its first send and closed with it:
   * connecting, {@code EHLO}, {@code STARTTLS} and the login happen once, not for every mail.
   */
  public Connection connection() {
    return new Connection();
  }

  /**
   * One SMTP connection, reused from mail to mail. Each send, with the check that the connection
   * still stands ({@code NOOP}) and its reconnection, ends by {@link #sendLimit} as a send of its
   * own would, when the mailer has a watchdog. A connection the server closed meanwhile is opened
   * again; one whose send failed in any way is dropped, and the next mail opens a new one. Not for
   * several threads at once.
   */
  public final class Connection implements AutoCloseable {

    private Transport transport;
    private Session session;
    private SendDeadline deadline;

    private Connection() {}

    /**
     * @throws MessagingException when the server refuses the mail, cannot be reached, or took too
     *     long
     */
    public void send(OutgoingMail mail) throws MessagingException {
      if (transport == null) {
        deadline = watchdog == null ? null : new SendDeadline();
        session = session(deadline);
        transport = session.getTransport();
      }
      SendDeadline current = deadline;
      Duration limit = sendLimit(timeout);
      ScheduledFuture<?> alarm =
          current == null
              ? null
              : watchdog.schedule(current::expire, limit.toMillis(), TimeUnit.MILLISECONDS);
      boolean sent = false;
      try {
        MimeMessage message = message(session, mail);
        // isConnected asks the server (NOOP): one that closed an idle connection is reconnected.
        if (!transport.isConnected()) {
          transport.connect();
        }
        transport.sendMessage(message, message.getAllRecipients());
        sent = true;
      } catch (MessagingException e) {
        if (current != null && current.expired()) {
          throw new MessagingException(
              "The SMTP server took longer than " + limit.toSeconds() + " s for one mail", e);
        }
        throw e;
      } finally {
        if (alarm != null) {
          alarm.cancel(false);
        }
        if (!sent || current != null && current.expired()) {
          // Whatever failed, the next mail starts on a connection of its own; so does the mail
          // after one whose limit ran out just as it was sent, since the connection's deadline
          // stays spent.
          close();
        }
      }
    }

    /** Says goodbye ({@code QUIT}) within the send limit, as a send would; never fails. */
    @Override
    public void close() {
      if (transport == null) {
        return;
      }
      Transport closing = transport;
      SendDeadline current = deadline;
      transport = null;
      session = null;
      deadline = null;
      ScheduledFuture<?> alarm =
          current == null || current.expired()
              ? null
              : watchdog.schedule(
                  current::expire, sendLimit(timeout).toMillis(), TimeUnit.MILLISECONDS);
      try {
        closing.close();
      } catch (MessagingException | RuntimeException e) {
        // The connection is given up either way; a failed goodbye changes nothing sent.
      } finally {
        if (alarm != null) {
          alarm.cancel(false);
        }
      }
    }
  }

  /** A session with this mailer's server and timeouts; its sockets under {@code deadline}. */
  private Session session(SendDeadline deadline) {
    Properties properties = new Properties();
    String protocol = settings.security().equals("tls") ? "smtps" : "smtp";
    properties.put("mail.transport.protocol", protocol);
    properties.put("mail." + protocol + ".host", settings.host());
    properties.put("mail." + protocol + ".port", String.valueOf(settings.port()));
    properties.put("mail." + protocol + ".connectiontimeout", String.valueOf(timeout.toMillis()));
    properties.put("mail." + protocol + ".timeout", String.valueOf(timeout.toMillis()));
    properties.put("mail." + protocol + ".writetimeout", String.valueOf(timeout.toMillis()));
    if (settings.security().equals("starttls")) {
      properties.put("mail.smtp.starttls.enable", "true");
      properties.put("mail.smtp.starttls.required", "true");
    }
    if (deadline != null) {
      // Instances, not class names: Jakarta Mail takes them as they are (put, not setProperty).
      properties.put("mail." + protocol + ".socketFactory", deadline.plain());
      properties.put("mail." + protocol + ".ssl.socketFactory", deadline.tls());
    }
    boolean login = settings.user() != null;
    properties.put("mail." + protocol + ".auth", String.valueOf(login));
    return Session.getInstance(
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
   * Sends one mail at once over a connection of its own and answers what the server said to it (its
   * last reply, e.g. {@code 250 2.0.0 Ok: queued as ...}), for a test mail.
   *
   * @throws MessagingException when the server refuses it or cannot be reached; its message holds
   *     the server's reply
   */
  public String sendAndReport(OutgoingMail mail) throws MessagingException {
    MimeMessage message = message(session, mail);
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

  private MimeMessage message(Session session, OutgoingMail mail) throws MessagingException {
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
