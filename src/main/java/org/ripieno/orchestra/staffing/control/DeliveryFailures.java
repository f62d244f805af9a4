package org.ripieno.orchestra.staffing.control;

import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import org.ripieno.sms.SmsFailure;

/**
 * Which failed attempts are permanent: trying again cannot help until someone fixes the address (or
 * the account), so the message is marked {@code failed} at once for an admin to retry. Others (the
 * server down, a timeout, a 4xx answer) are retried with backoff.
 */
final class DeliveryFailures {

  private DeliveryFailures() {}

  static boolean permanent(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = next(cause)) {
      if (cause instanceof AddressException) {
        return true; // not an address at all
      }
      if (cause instanceof SendFailedException refused
          && refused.getInvalidAddresses() != null
          && refused.getInvalidAddresses().length > 0
          && (refused.getValidSentAddresses() == null
              || refused.getValidSentAddresses().length == 0)) {
        return true; // the server answered 5xx to the recipient
      }
      if (cause instanceof SmsFailure sms) {
        return sms.isPermanent();
      }
    }
    return false;
  }

  private static Throwable next(Throwable failure) {
    if (failure instanceof jakarta.mail.MessagingException messaging
        && messaging.getNextException() != null
        && messaging.getNextException() != failure) {
      return messaging.getNextException();
    }
    return failure.getCause() == failure ? null : failure.getCause();
  }
}
