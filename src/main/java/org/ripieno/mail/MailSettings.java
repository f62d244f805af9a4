package org.ripieno.mail;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.ripieno.config.RipienoSettings;

/**
 * One SMTP server and the sender written on its mails: the platform's ({@code ripieno.mail.smtp.*},
 * {@code ripieno.mail.from}) or an orchestra's own ({@link OrchestraMail}). Without a host nothing
 * is delivered: messages stay queued in the outbox until one is configured.
 *
 * @param security {@code none}, {@code starttls} or {@code tls}
 * @param fromName the display name of the sender, or null
 * @param replyTo the {@code Reply-To} address, or null
 * @param source whose settings these are: {@code platform}, {@code orchestra} or {@code resend} (an
 *     orchestra's legacy Resend key over Resend's SMTP relay), for logs and answers
 */
public record MailSettings(
    String host,
    int port,
    String user,
    String password,
    String security,
    String from,
    String fromName,
    String replyTo,
    String source) {

  public static final Set<String> SECURITIES = Set.of("none", "starttls", "tls");

  public static Optional<MailSettings> of(RipienoSettings settings) {
    Optional<String> host = settings.optional("ripieno.mail.smtp.host");
    if (host.isEmpty()) {
      return Optional.empty();
    }
    String security =
        settings.text("ripieno.mail.smtp.security", "none").trim().toLowerCase(Locale.ROOT);
    if (!SECURITIES.contains(security)) {
      throw new IllegalStateException(
          "ripieno.mail.smtp.security is none, starttls or tls, not " + security);
    }
    int port = settings.number("ripieno.mail.smtp.port", defaultPort(security));
    return Optional.of(
        new MailSettings(
            host.get().trim(),
            port,
            settings.optional("ripieno.mail.smtp.user").orElse(null),
            settings.optional("ripieno.mail.smtp.password").orElse(null),
            security,
            settings.text("ripieno.mail.from", "no-reply@" + host.get().trim()),
            settings.optional("ripieno.mail.from-name").orElse(null),
            null,
            "platform"));
  }

  /** 465 for implicit TLS, else the submission port 587. */
  static int defaultPort(String security) {
    return security.equals("tls") ? 465 : 587;
  }

  /** The same server with another sender. */
  public MailSettings withSender(String from, String fromName, String replyTo) {
    return new MailSettings(host, port, user, password, security, from, fromName, replyTo, source);
  }
}
