package org.ripieno.orchestra.staffing.control;

import org.ripieno.web.Text;

/** What a musician reads after answering, or when the link does not take an answer. */
public final class ResponseTexts {

  public static final Text ACCEPTED =
      Text.of(
          "Thank you for your answer! We will send you more information by email.",
          "Tack för ditt svar! Vi skickar mer information via e-post.");
  public static final Text DECLINED =
      Text.of(
          "Thank you for your answer. We will be in touch another time.",
          "Tack för ditt svar. Vi hör av oss vid nästa tillfälle.");
  public static final Text ANSWERED =
      Text.of(
          "You have already answered this request.", "Du har redan svarat på den här förfrågan.");
  public static final Text FILLED =
      Text.of(
          "The position was filled before your answer arrived. Thank you for your interest!",
          "Platsen hann tillsättas innan ditt svar kom. Tack för ditt intresse!");
  public static final Text CLOSED =
      Text.of("This request is no longer open.", "Denna förfrågan är inte längre aktiv.");
  public static final Text EXPIRED =
      Text.of(
          "The time to answer this request has passed.",
          "Tiden för att svara på förfrågan har gått ut.");

  private ResponseTexts() {}
}
