package org.ripieno.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

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
}
