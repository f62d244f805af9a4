package org.ripieno.orchestra.staffing.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One staffing mail waiting for delivery, written in the transaction of the change that causes it
 * (product.md decision 12). The body is rendered at delivery from the orchestra's templates in
 * {@code language}; {@code messageId} stays the same on every attempt.
 */
@Entity
@Table(name = "OutboxMessage")
public class OutboxMessage {

  /** What the message says. */
  public enum Kind {
    REQUEST("request"),
    REMINDER("reminder"),
    CONFIRMATION("confirmation"),
    POSITION_FILLED("position_filled"),
    /** A pending request withdrawn by the orchestra: by hand, or with its whole project. */
    REQUEST_CANCELLED("request_cancelled"),
    /** One recipient's copy of a group email ({@code groupEmailId}; no request). */
    GROUP_EMAIL("group_email");

    private final String value;

    Kind(String value) {
      this.value = value;
    }

    public String value() {
      return value;
    }
  }

  /** By mail to the musician's address. */
  public static final String EMAIL = "email";

  /** By SMS to the musician's phone number (E.164). */
  public static final String SMS = "sms";

  public static final String QUEUED = "queued";
  public static final String SENDING = "sending";
  public static final String SENT = "sent";
  public static final String FAILED = "failed";

  /**
   * Never to be delivered: a request or reminder mail still queued when its request was cancelled
   * (docs/staffing.md, "What a manager does by hand").
   */
  public static final String CANCELLED = "cancelled";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Integer id;

  private String kind;

  private String channel = EMAIL;

  private String recipient;

  private String language;

  private Integer requestId;

  private Integer groupEmailId;

  /** Whom the message is for: an admin's retry goes to their address as it is then. */
  private Integer musicianId;

  private String messageId;

  private String status = QUEUED;

  private Integer attempts = 0;

  private Instant nextAttemptAt;

  private String lastError;

  private Instant createdAt;

  private Instant sentAt;

  /** The text as delivered, kept for {@code ripieno.mail.retention}. */
  private String body;

  private Instant bodyPurgedAt;

  protected OutboxMessage() {}

  /** A queued message for a request's musician, due at once. */
  public static OutboxMessage queued(
      Kind kind,
      Integer requestId,
      Integer musicianId,
      String recipient,
      String language,
      Instant now) {
    OutboxMessage message = new OutboxMessage();
    message.kind = kind.value();
    message.requestId = requestId;
    message.musicianId = musicianId;
    message.recipient = recipient;
    message.language = language;
    message.messageId = "<" + UUID.randomUUID() + "." + kind.value() + "@ripieno>";
    message.nextAttemptAt = now;
    message.createdAt = now;
    return message;
  }

  /** A queued copy of a group email for one recipient, due at once. */
  public static OutboxMessage groupEmail(
      Integer groupEmailId, Integer musicianId, String recipient, String language, Instant now) {
    OutboxMessage message = new OutboxMessage();
    message.kind = Kind.GROUP_EMAIL.value();
    message.groupEmailId = groupEmailId;
    message.musicianId = musicianId;
    message.recipient = recipient;
    message.language = language;
    message.messageId = "<" + UUID.randomUUID() + "." + Kind.GROUP_EMAIL.value() + "@ripieno>";
    message.nextAttemptAt = now;
    message.createdAt = now;
    return message;
  }

  /** A queued SMS to a musician's phone number (E.164), due at once. */
  public static OutboxMessage queuedSms(
      Kind kind,
      Integer requestId,
      Integer musicianId,
      String phone,
      String language,
      Instant now) {
    OutboxMessage message = queued(kind, requestId, musicianId, phone, language, now);
    message.channel = SMS;
    message.messageId = "<" + UUID.randomUUID() + "." + kind.value() + ".sms@ripieno>";
    return message;
  }

  /**
   * A queued SMS copy of a group email to one recipient's phone number (E.164), due at once: a
   * message of its own beside the mail copy, so its failure never touches the mail.
   */
  public static OutboxMessage groupEmailSms(
      Integer groupEmailId, Integer musicianId, String phone, String language, Instant now) {
    OutboxMessage message = groupEmail(groupEmailId, musicianId, phone, language, now);
    message.channel = SMS;
    message.messageId = "<" + UUID.randomUUID() + "." + Kind.GROUP_EMAIL.value() + ".sms@ripieno>";
    return message;
  }

  /**
   * Taken for delivery by one instance: {@code sending} until {@code leaseUntil}; if that instance
   * dies meanwhile, another takes the message again after the lease (the same Message-ID).
   */
  public void claim(Instant leaseUntil) {
    status = SENDING;
    attempts = attempts + 1;
    nextAttemptAt = leaseUntil;
  }

  /** The SMTP server (or the SMS provider) took the message; {@code text} is what was sent. */
  public void delivered(Instant now, String text) {
    status = SENT;
    sentAt = now;
    lastError = null;
    body = text;
  }

  /**
   * Queued again at once by an admin after a failure for good, to the musician's address as it is
   * now (fixed meanwhile): a fresh round of attempts with the same Message-ID.
   */
  public void retry(String currentRecipient, Instant now) {
    recipient = currentRecipient;
    status = QUEUED;
    attempts = 0;
    nextAttemptAt = now;
  }

  /**
   * The attempt failed: queued again for {@code retryAt}, or {@code failed} for good when there is
   * no retry left (null).
   */
  public void attemptFailed(String error, Instant retryAt) {
    lastError = error == null ? null : error.substring(0, Math.min(error.length(), 1000));
    if (retryAt == null) {
      status = FAILED;
    } else {
      status = QUEUED;
      nextAttemptAt = retryAt;
    }
  }

  public Integer getId() {
    return id;
  }

  public String getKind() {
    return kind;
  }

  public String getChannel() {
    return channel;
  }

  public String getBody() {
    return body;
  }

  public Instant getBodyPurgedAt() {
    return bodyPurgedAt;
  }

  public String getRecipient() {
    return recipient;
  }

  public String getLanguage() {
    return language;
  }

  public Integer getRequestId() {
    return requestId;
  }

  /** The group email this message is a copy of; null for a staffing mail. */
  public Integer getGroupEmailId() {
    return groupEmailId;
  }

  /** The musician the message is for; null for a message older than V7 without a request. */
  public Integer getMusicianId() {
    return musicianId;
  }

  public String getMessageId() {
    return messageId;
  }

  public String getStatus() {
    return status;
  }

  public Integer getAttempts() {
    return attempts;
  }

  public Instant getNextAttemptAt() {
    return nextAttemptAt;
  }

  public String getLastError() {
    return lastError;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getSentAt() {
    return sentAt;
  }
}
