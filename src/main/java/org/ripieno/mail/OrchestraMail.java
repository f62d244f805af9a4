package org.ripieno.mail;

import java.util.Locale;
import java.util.Optional;

/**
 * An orchestra's own mail settings as stored in its central row, and which server and sender its
 * mails go through (docs/messaging.md, "Which server sends"):
 *
 * <ol>
 *   <li>its own SMTP server when it has a host;
 *   <li>else, when it has only a legacy Resend API key, Resend's SMTP relay ({@code
 *       smtp.resend.com}, implicit TLS on 465, user {@code resend}, the key as password);
 *   <li>else the platform's server.
 * </ol>
 *
 * The sender is the orchestra's address, name and reply-to when set; an orchestra without its own
 * address writes from the platform's ({@code ripieno.mail.from}; without a platform server, {@code
 * no-reply@} its own server's host).
 *
 * @param smtpSecurity {@code none}, {@code starttls}, {@code tls}, or null: {@code tls} on port
 *     465, else {@code starttls}
 */
public record OrchestraMail(
    String smtpHost,
    Integer smtpPort,
    String smtpUser,
    String smtpPassword,
    String smtpSecurity,
    String resendApiKey,
    String fromAddress,
    String fromName,
    String replyTo) {

  public static final String RESEND_HOST = "smtp.resend.com";
  public static final int RESEND_PORT = 465;
  public static final String RESEND_USER = "resend";

  /** The server and sender for this orchestra's mails; empty when no server is configured. */
  public Optional<MailSettings> settings(Optional<MailSettings> platform) {
    Optional<MailSettings> server;
    if (present(smtpHost)) {
      String security = security();
      server =
          Optional.of(
              new MailSettings(
                  smtpHost.trim(),
                  smtpPort != null ? smtpPort : MailSettings.defaultPort(security),
                  present(smtpUser) ? smtpUser.trim() : null,
                  smtpPassword,
                  security,
                  null,
                  null,
                  null,
                  "orchestra"));
    } else if (present(resendApiKey)) {
      server =
          Optional.of(
              new MailSettings(
                  RESEND_HOST,
                  RESEND_PORT,
                  RESEND_USER,
                  resendApiKey.trim(),
                  "tls",
                  null,
                  null,
                  null,
                  "resend"));
    } else {
      server = platform;
    }
    return server.map(
        chosen ->
            chosen.withSender(
                present(fromAddress)
                    ? fromAddress.trim()
                    : platform.map(MailSettings::from).orElse("no-reply@" + chosen.host()),
                present(fromName)
                    ? fromName.trim()
                    : platform.map(MailSettings::fromName).orElse(null),
                present(replyTo) ? replyTo.trim() : null));
  }

  private String security() {
    if (present(smtpSecurity)) {
      return smtpSecurity.trim().toLowerCase(Locale.ROOT);
    }
    return smtpPort != null && smtpPort == 465 ? "tls" : "starttls";
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
