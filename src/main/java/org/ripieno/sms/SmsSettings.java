package org.ripieno.sms;

import java.util.Optional;

/**
 * An orchestra's Twilio account (its central row: {@code twilioAccountSid}, {@code
 * twilioAuthToken}, {@code twilioFromNumber}) and which events send an SMS.
 */
public record SmsSettings(
    String accountSid,
    String authToken,
    String fromNumber,
    boolean onRequest,
    boolean onReminder,
    boolean onConfirmation,
    boolean onPositionFilled,
    boolean onGroupEmail) {

  /** Whether the account is complete: SMS go only then (legacy-system.md §3.14). */
  public boolean complete() {
    return present(accountSid) && present(authToken) && present(fromNumber);
  }

  /**
   * Whether an event of this kind sends an SMS ({@code request}, {@code reminder}, ..., {@code
   * group_email}).
   */
  public boolean sendsOn(String kind) {
    return complete()
        && switch (kind) {
          case "request" -> onRequest;
          case "reminder" -> onReminder;
          case "confirmation" -> onConfirmation;
          case "position_filled" -> onPositionFilled;
          case "group_email" -> onGroupEmail;
          default -> false;
        };
  }

  /** The account, when complete. */
  public Optional<SmsSettings> ifComplete() {
    return complete() ? Optional.of(this) : Optional.empty();
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
