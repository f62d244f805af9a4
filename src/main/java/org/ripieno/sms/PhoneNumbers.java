package org.ripieno.sms;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Optional;

/**
 * Phone numbers as an SMS provider takes them: E.164 ({@code +46701234567}). A number written
 * without a country code is Swedish ({@code 070-123 45 67}), as the legacy orchestras' are.
 */
public final class PhoneNumbers {

  /** The country of numbers written without a country code. */
  public static final String DEFAULT_REGION = "SE";

  private static final PhoneNumberUtil NUMBERS = PhoneNumberUtil.getInstance();

  private PhoneNumbers() {}

  /** The number in E.164, or empty when it is blank or no possible number. */
  public static Optional<String> e164(String written) {
    if (written == null || written.isBlank()) {
      return Optional.empty();
    }
    try {
      Phonenumber.PhoneNumber number = NUMBERS.parse(written.trim(), DEFAULT_REGION);
      if (!NUMBERS.isPossibleNumber(number)) {
        return Optional.empty();
      }
      return Optional.of(NUMBERS.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }
}
