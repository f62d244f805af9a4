package org.ripieno.sms;

/** Sends one SMS through a provider (Twilio first: {@link TwilioSms}). */
public interface SmsSender {

  /**
   * Sends one text.
   *
   * @param to the number in E.164
   * @return the provider's id of the message
   * @throws SmsFailure when the provider refuses it or cannot be reached
   */
  String send(String to, String text) throws SmsFailure;
}
