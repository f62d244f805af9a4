package org.ripieno.webapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver (never a downloaded browser),
 * with a fresh profile; screenshots go to {@code target/screenshots/}. Tests that need it are
 * skipped, with a message, where the browser or the driver is not installed ({@code .ci/run}
 * installs both).
 */
public final class HeadlessChromium implements AutoCloseable {

  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver driver;
  private final Path profile;
  private final String baseUrl;
  private final WebDriverWait wait;

  private HeadlessChromium(ChromeDriver driver, Path profile, String baseUrl) {
    this.driver = driver;
    this.profile = profile;
    this.baseUrl = baseUrl;
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  public static HeadlessChromium start(String baseUrl) throws IOException {
    assumeTrue(
        Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER),
        "The browser journey needs Debian's chromium and chromium-driver ("
            + BROWSER
            + ", "
            + DRIVER
            + "): apt-get install -y chromium chromium-driver (.ci/run does)");
    Path profile = Files.createTempDirectory("ripieno-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,900",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    Files.createDirectories(SCREENSHOTS);
    return new HeadlessChromium(new ChromeDriver(service, options), profile, baseUrl);
  }

  public ChromeDriver driver() {
    return driver;
  }

  public void open(String path) {
    driver.get(baseUrl + path);
  }

  public String path() {
    return driver.getCurrentUrl().substring(baseUrl.length());
  }

  public <T> T await(ExpectedCondition<T> condition) {
    return wait.until(condition);
  }

  public <T> T await(ExpectedCondition<T> condition, Duration limit) {
    return new WebDriverWait(driver, limit).until(condition);
  }

  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  public List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  public Object script(String script, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(script, arguments);
  }

  /**
   * Clicks the element once it is there and enabled, finding it again when the page renders it anew
   * meanwhile (a list reloading after the previous step).
   */
  public void click(By by) {
    await(
        driver -> {
          try {
            WebElement element = driver.findElement(by);
            if (!element.isEnabled()) {
              return false;
            }
            element.click();
            return true;
          } catch (NoSuchElementException | StaleElementReferenceException rendered) {
            return false;
          }
        });
  }

  /** Replaces the text of the field. */
  public void type(String css, String text) {
    WebElement field = find(css);
    field.clear();
    field.sendKeys(text);
  }

  /** Signs in on the sign-in page (waiting for it). */
  public void signIn(String username, String password) {
    await(ExpectedConditions.presenceOfElementLocated(By.id("username")));
    type("#username", username);
    type("#password", password);
    find("#sign-in button[type=submit]").click();
  }

  /** Presses the key with Alt held, on the focused element (a ranked list's keyboard moves). */
  public void pressWithAlt(Keys key) {
    new Actions(driver).keyDown(Keys.ALT).sendKeys(key).keyUp(Keys.ALT).perform();
  }

  public void resize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** Keeps a screenshot of the page as it is now as {@code target/screenshots/<name>.png}. */
  public Path screenshot(String name) throws IOException {
    Path file = SCREENSHOTS.resolve(name + ".png");
    Files.copy(
        driver.getScreenshotAs(OutputType.FILE).toPath(),
        file,
        StandardCopyOption.REPLACE_EXISTING);
    return file;
  }

  /**
   * Fails on any error the page logged since the last call: script errors, refused resources and
   * Content-Security-Policy violations all reach the console as SEVERE.
   */
  public void assertNoConsoleErrors(String step) {
    List<String> errors =
        drainLog().stream()
            .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::getMessage)
            .toList();
    assertThat(errors).as("console errors at " + step).isEmpty();
  }

  /** Every message logged since the last call (warnings included). */
  public List<String> consoleMessages() {
    return drainLog().stream().map(LogEntry::getMessage).toList();
  }

  /** The browser's console since the last read (reading empties it). */
  private List<LogEntry> drainLog() {
    return driver.manage().logs().get(LogType.BROWSER).getAll();
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
