package org.ripieno.mail;

import java.util.Locale;
import java.util.Optional;
import org.ripieno.config.RipienoSettings;

/**
 * The platform's SMTP server ({@code ripieno.mail.smtp.*}, {@code ripieno.mail.from}). Without a
 * host nothing is delivered: messages stay queued in the outbox until one is configured.
 *
 * @param security {@code none}, {@code starttls} or {@code tls}
 */
public record MailSettings(
    String host, int port, String user, String password, String security, String from) {

  public static Optional<MailSettings> of(RipienoSettings settings) {
    Optional<String> host = settings.optional("ripieno.mail.smtp.host");
    if (host.isEmpty()) {
      return Optional.empty();
    }
    String security =
        settings.text("ripieno.mail.smtp.security", "none").trim().toLowerCase(Locale.ROOT);
    if (!security.equals("none") && !security.equals("starttls") && !security.equals("tls")) {
      throw new IllegalStateException(
          "ripieno.mail.smtp.security is none, starttls or tls, not " + security);
    }
    int port = settings.number("ripieno.mail.smtp.port", security.equals("tls") ? 465 : 587);
    return Optional.of(
        new MailSettings(
            host.get().trim(),
            port,
            settings.optional("ripieno.mail.smtp.user").orElse(null),
            settings.optional("ripieno.mail.smtp.password").orElse(null),
            security,
            settings.text("ripieno.mail.from", "no-reply@" + host.get().trim())));
  }
}
