package org.ripieno.sms;

/**
 * An SMS the provider did not take. A permanent failure (the provider refused the number or the
 * account) is not tried again until an admin retries it; others are retried with the outbox's
 * backoff.
 */
public class SmsFailure extends Exception {

  private final boolean permanent;

  public SmsFailure(String message, boolean permanent) {
    super(message);
    this.permanent = permanent;
  }

  public boolean isPermanent() {
    return permanent;
  }
}
