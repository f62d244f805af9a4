package org.ripieno.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import java.util.Map;

/**
 * The GreenMail SMTP server a mail-delivering integration test starts before the application and
 * reads the delivered mails back from.
 */
public final class LocalMailServer {

  private LocalMailServer() {}

  /** A started SMTP server on 127.0.0.1 at a free port (its port goes into the environment). */
  public static GreenMail startOnAFreePort() {
    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    return smtp;
  }

  /**
   * The application's environment for mail through this server, sent from the address at most
   * {@code rate} a second, with the staffing jobs every second and response links under {@code
   * publicUrl}; a test adds its own settings to it.
   */
  public static Map<String, String> environment(
      GreenMail smtp, String from, int rate, String publicUrl) {
    Map<String, String> environment = new HashMap<>();
    environment.put("RIPIENO_MAIL_SMTP_HOST", "127.0.0.1");
    environment.put("RIPIENO_MAIL_SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()));
    environment.put("RIPIENO_MAIL_FROM", from);
    environment.put("RIPIENO_MAIL_RATE", String.valueOf(rate));
    environment.put("RIPIENO_JOBS_INTERVAL", "PT1S");
    environment.put("RIPIENO_PUBLIC_URL", publicUrl);
    return environment;
  }

  /**
   * Stops the application first, so it delivers nothing into a stopped server, and then the mail
   * server, even when stopping the application failed. Either may be null when set-up failed early.
   */
  public static void stopAfterTheApplication(PlatformFixture fixture, GreenMail smtp)
      throws Exception {
    try {
      if (fixture != null) {
        fixture.close();
      }
    } finally {
      if (smtp != null) {
        smtp.stop();
      }
    }
  }

  /**
   * The text of a mail's part of the type ({@code text/plain}, {@code text/html}), inside the
   * attachments' {@code multipart/mixed} when there are some, with line ends as {@code \n}.
   */
  public static String part(MimeMessage message, String type) throws Exception {
    Multipart alternative = (Multipart) message.getContent();
    if (message.isMimeType("multipart/mixed")) {
      alternative = (Multipart) alternative.getBodyPart(0).getContent();
    }
    for (int i = 0; i < alternative.getCount(); i++) {
      if (alternative.getBodyPart(i).isMimeType(type)) {
        return String.valueOf(alternative.getBodyPart(i).getContent()).replace("\r\n", "\n");
      }
    }
    throw new AssertionError("No " + type + " part in " + GreenMailUtil.getWholeMessage(message));
  }

  /** The header's first value; empty when the mail has none. */
  public static String header(MimeMessage message, String name) {
    try {
      String[] values = message.getHeader(name);
      return values == null ? "" : values[0];
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
