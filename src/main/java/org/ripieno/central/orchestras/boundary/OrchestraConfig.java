package org.ripieno.central.orchestras.boundary;

import java.util.Map;

/**
 * An orchestra's configuration: its email, SMS, features, branding and integrations. Answers show
 * every secret masked ({@code ***} and the last four characters); in a change, absent sections and
 * fields stay as they are, a secret still holding {@code ***} stays as it is, and an empty string
 * clears a field.
 */
public record OrchestraConfig(
    Email email,
    Sms sms,
    Map<String, Boolean> features,
    Branding branding,
    Integration integration) {

  /**
   * @param smtpSecurity {@code none}, {@code starttls} or {@code tls}; unset: {@code tls} on port
   *     465, else {@code starttls}
   * @param fromAddress the sender; unset: the platform's ({@code ripieno.mail.from})
   * @param resendApiKey legacy: without an SMTP host, mail goes through Resend's SMTP relay with it
   */
  public record Email(
      String smtpHost,
      Integer smtpPort,
      String smtpUser,
      String smtpPassword,
      String smtpSecurity,
      String fromAddress,
      String fromName,
      String replyTo,
      String resendApiKey) {}

  public record Sms(
      String accountSid,
      String authToken,
      String fromNumber,
      Boolean onRequest,
      Boolean onReminder,
      Boolean onConfirmation,
      Boolean onPositionFilled,
      Boolean onGroupEmail) {}

  public record Branding(
      String primaryColor, String secondaryColor, String customDomain, String faviconUrl) {}

  /**
   * @param apiKey masked in answers; {@code "generate"} in a change creates a new key, which the
   *     answer to that change carries whole in {@code generatedApiKey} (the only time it is shown)
   */
  public record Integration(
      String apiKey, String generatedApiKey, String webhookUrl, String webhookSecret) {}
}
