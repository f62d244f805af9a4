package org.ripieno.webapp;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.ripieno.testing.PlatformFixture;

/**
 * What the browser tests share: the shared application, one headless Chromium for the whole class
 * (its nested groups included), and a screenshot of the page a failed step stopped on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTest {

  PlatformFixture fixture;
  HeadlessChromium browser;

  /** A failed step leaves the page it failed on beside the other screenshots. */
  @RegisterExtension
  final TestWatcher screenshotOnFailure =
      new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
          if (browser != null) {
            try {
              browser.screenshot("failed-" + context.getRequiredTestMethod().getName());
            } catch (IOException | RuntimeException e) {
              cause.addSuppressed(e);
            }
          }
        }
      };

  /**
   * The application the class tests: the shared one, unless the class needs a configuration of its
   * own (a mail server, ...), whose fixture it then also stops.
   */
  PlatformFixture platform() throws Exception {
    return PlatformFixture.shared();
  }

  @BeforeAll
  void startTheBrowser() throws Exception {
    fixture = platform();
    String base = fixture.ripieno().uri("/").toString();
    browser = HeadlessChromium.start(base.substring(0, base.length() - 1));
  }

  @AfterAll
  void stopTheBrowser() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }
}
