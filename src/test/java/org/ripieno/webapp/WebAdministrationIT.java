package org.ripieno.webapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlMatches;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.ripieno.testing.PlatformFixture;
import org.ripieno.testing.RunningRipieno;

/**
 * The orchestra's settings area and the musicians' extras (CSV import and export, statistics and
 * history, erasure) in a real headless Chromium against the shared application: instruments and
 * positions, email templates with their preview, the settings form, the orchestra's accounts and
 * its two logs, for an admin who writes and a {@code user} who only reads. Every step checks the
 * console (errors and CSP violations) and leaves a screenshot in target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebAdministrationIT extends BrowserTest {

  private static final String SUBDOMAIN = "webset";
  private static final String ADMIN = "websetadmin";
  private static final String READER = "websetreader";
  private static final String PASSWORD = "a-settings-test-password";

  @BeforeAll
  void anOrchestraWithAnAdminAndAReader() throws Exception {
    fixture.registerOrchestra("orch-webset", SUBDOMAIN, "Inställningsorkestern");
    fixture.createUser(ADMIN, "admin", "orch-webset", PASSWORD);
    fixture.createUser(READER, "user", "orch-webset", PASSWORD);
    // The default templates, as provisioning seeds them (registerOrchestra does not).
    HttpResponse<String> seeded =
        fixture
            .ripieno()
            .send(
                "POST",
                "/api/orchestras/" + SUBDOMAIN + "/templates/restore-defaults",
                fixture.superadmin(),
                null);
    assertThat(seeded.statusCode()).as(seeded.body()).isEqualTo(200);
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class AnAdministrator {

    @Test
    void keepsInstrumentsTemplatesSettingsAccountsAndReadsTheLogs() throws Exception {
      signInAs(ADMIN);

      // Instruments and positions: create, reorder, rename, add a position, archive.
      browser.find("nav.main-nav a[href$='/instruments']").click();
      browser.await(urlMatches("/o/" + SUBDOMAIN + "/instruments$"));
      createInstrument("Cello", "Tutti");
      createInstrument("Kontrabas", "Tutti");
      browser
          .find("li[data-instrument='Kontrabas'] .instrument-head button[aria-label*='uppåt']")
          .click();
      browser.await(driver -> inOrder("Kontrabas", "Cello"));
      browser.find("li[data-instrument='Cello'] [data-rename='Cello']").click();
      browser.type("li[data-instrument='Cello'] form.rename input[name=name]", "Violoncell");
      browser.find("li[data-instrument='Cello'] form.rename button[type=submit]").click();
      browser.await(driver -> inOrder("Kontrabas", "Violoncell"));
      browser.type(
          "li[data-instrument='Violoncell'] form.add-position input[name=name]", "Stämledare");
      browser
          .find("li[data-instrument='Violoncell'] form.add-position button[type=submit]")
          .click();
      browser.await(
          numberOfElementsToBe(
              By.cssSelector("li[data-instrument='Violoncell'] li[data-position]"), 2));
      browser
          .find("li[data-instrument='Kontrabas'] .instrument-head button[aria-label^='Arkivera']")
          .click();
      browser.await(
          attributeToBe(
              By.cssSelector("li[data-instrument='Kontrabas']"), "data-archived", "true"));
      assertThat(browser.find("li[data-instrument='Violoncell'] .count").getText())
          .isEqualTo("0 kvalificerade");
      browser.screenshot("40-instruments");
      browser.assertNoConsoleErrors("instruments and positions");

      // Email templates: an edit is previewed with example values; the defaults come back.
      browser.find("settings-nav a[href$='/templates']").click();
      browser.await(presenceOfElementLocated(By.cssSelector("#templates")));
      browser.await(presenceOfElementLocated(By.cssSelector("#templates tbody tr")));
      browser.find("#templates tbody tr td.actions button").click();
      browser.await(presenceOfElementLocated(By.id("template-preview")));
      String variable = browser.find("#template-form code.variable").getText();
      browser.type("#template-form input[name=subject]", "Hej " + variable);
      browser.find("#template-form button[type=submit]").click();
      browser.await(textToBePresentInElementLocated(By.id("preview-subject"), "Hej "));
      assertThat(browser.find("#preview-subject").getText())
          .as("the variable is filled with an example")
          .doesNotContain("{{");
      browser.screenshot("41-template-preview");
      browser.find("#restore-defaults").click();
      WebElement restored = browser.await(presenceOfElementLocated(By.id("restored")));
      assertThat(restored.getText()).startsWith("Skapade: –.").contains("Återställda: ");
      assertThat(browser.all("#template-form")).isEmpty();
      browser.assertNoConsoleErrors("email templates");

      // Settings: a refusal stands beside the setting it names; a good value is saved.
      browser.find("settings-nav a[href$='/settings']").click();
      browser.await(presenceOfElementLocated(By.id("settings-form")));
      browser.type("#settings-form input[name=reminder_percentage]", "150");
      browser.find("#settings-form button[type=submit]").click();
      WebElement refusal =
          browser.await(
              presenceOfElementLocated(
                  By.cssSelector("#settings-form [data-error-for=reminder_percentage]")));
      assertThat(refusal.getText()).contains("1 till 99");
      // The refused call is the only error the browser reports.
      assertThat(browser.consoleMessages())
          .allSatisfy(message -> assertThat(message).contains("/settings", "400"));
      browser.screenshot("42-settings-refused");
      browser.type("#settings-form input[name=reminder_percentage]", "40");
      browser.type("#settings-form input[name=time_zone]", "Europe/Helsinki");
      new Select(browser.find("#settings-form select[name=same_week_conflicts]"))
          .selectByValue("skip");
      browser.find("#settings-form button[type=submit]").click();
      browser.await(presenceOfElementLocated(By.id("settings-saved")));
      browser.driver().navigate().refresh();
      browser.await(presenceOfElementLocated(By.id("settings-form")));
      assertThat(
              browser
                  .find("#settings-form input[name=reminder_percentage]")
                  .getDomProperty("value"))
          .isEqualTo("40");
      assertThat(browser.find("#settings-form input[name=time_zone]").getDomProperty("value"))
          .isEqualTo("Europe/Helsinki");
      browser.screenshot("43-settings-saved");
      browser.assertNoConsoleErrors("settings");

      // Accounts: a new one's password is shown once; a reset shows another; deactivated.
      browser.find("settings-nav a[href$='/accounts']").click();
      browser.await(presenceOfElementLocated(By.id("new-account"))).click();
      browser.type("#account-form input[name=username]", "websetnew");
      browser.type("#account-form input[name=email]", "websetnew@example.org");
      browser.find("#account-form button[type=submit]").click();
      browser.await(presenceOfElementLocated(By.id("shown-password")));
      String first = browser.find("#account-password").getDomProperty("value");
      assertThat(first).isNotBlank();
      assertThat(browser.find("#account-username").getText()).isEqualTo("websetnew");
      String row = "tr[data-account='websetnew']";
      browser.await(presenceOfElementLocated(By.cssSelector(row)));
      browser.click(By.cssSelector(row + " button[data-action=reset]"));
      browser.await(
          driver -> !first.equals(browser.find("#account-password").getDomProperty("value")));
      browser.click(By.cssSelector(row + " button[data-action=active]"));
      browser.await(attributeToBe(By.cssSelector(row), "data-active", "false"));
      browser.screenshot("44-accounts");
      browser.assertNoConsoleErrors("accounts");

      // The audit log, filtered by action and kind; the orchestra's system log, filtered by level.
      browser.find("settings-nav a[href$='/audit-log']").click();
      browser.await(presenceOfElementLocated(By.cssSelector("#audit-log tbody tr")));
      new Select(browser.find(".log-filters select[name=action]")).selectByValue("archive");
      browser.type(".log-filters input[name=entityType]", "Instrument");
      browser.find(".log-filters button[type=submit]").click();
      browser.await(numberOfElementsToBe(By.cssSelector("#audit-log tbody tr"), 1));
      assertThat(browser.find("#audit-log tbody tr").getDomAttribute("data-entity"))
          .isEqualTo("Instrument");
      browser.screenshot("45-audit-log");
      browser.find("settings-nav a[href$='/system-log']").click();
      browser.await(presenceOfElementLocated(By.cssSelector("#system-log")));
      new Select(browser.find(".log-filters select[name=level]")).selectByValue("error");
      browser.find(".log-filters button[type=submit]").click();
      browser.await(
          driver ->
              Boolean.TRUE.equals(
                  browser.script(
                      "return [...document.querySelectorAll('#system-log tbody tr')]"
                          + ".every(tr => tr.dataset.level === 'error')")));
      browser.screenshot("46-system-log");
      browser.assertNoConsoleErrors("the logs");
      browser.find("#sign-out").click();
    }

    private void createInstrument(String name, String position) {
      browser.type("#instrument-form input[name=name]", name);
      browser.type("#instrument-form input[name=position]", position);
      browser.find("#instrument-form button[type=submit]").click();
      browser.await(presenceOfElementLocated(By.cssSelector("li[data-instrument='" + name + "']")));
    }

    /** Whether both instruments are listed, the first before the second. */
    private boolean inOrder(String first, String second) {
      List<String> names =
          browser.all("#instruments > li").stream()
              .map(li -> li.getDomAttribute("data-instrument"))
              .toList();
      return names.contains(first) && names.indexOf(first) < names.indexOf(second);
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class MusiciansExtras {

    @BeforeAll
    void anInstrumentToQualifyOn() throws Exception {
      HttpResponse<String> flute =
          fixture
              .ripieno()
              .send(
                  "POST",
                  "/api/orchestras/" + SUBDOMAIN + "/instruments",
                  fixture.superadmin(),
                  "{\"name\":\"Flöjt\",\"positions\":[{\"name\":\"Tutti\"}]}");
      assertThat(flute.statusCode()).as(flute.body()).isEqualTo(201);
    }

    @Test
    void areImportedWithADryRunExportedAndErasedWithATypedConfirmation() throws Exception {
      signInAs(ADMIN);

      // The dry run names every bad row; then the valid rows alone are imported.
      Path file = Files.createTempFile("musicians-", ".csv");
      Files.writeString(
          file,
          "firstName;lastName;email;qualifications\n"
              + "Erik;Ek;erik@webset.example.org;Flöjt/Tutti\n"
              + ";Utannamn;utan@webset.example.org;\n"
              + "Fia;Fel;inte-en-adress;Flöjt/Tutti\n");
      browser.await(presenceOfElementLocated(By.id("import-musicians"))).click();
      browser.find("#import-file").sendKeys(file.toAbsolutePath().toString());
      browser.await(elementToBeClickable(By.id("import-check"))).click();
      browser.await(presenceOfElementLocated(By.id("import-report")));
      assertThat(browser.find("#import-report p").getText())
          .isEqualTo("3 rader: 1 giltiga, 2 med fel.");
      assertThat(
              browser.all(".import-errors li").stream().map(li -> li.getDomAttribute("data-line")))
          .containsExactly("3", "4");
      browser.screenshot("50-import-dry-run");
      browser.find("#import-valid-only").click();
      browser.find("#import-run").click();
      assertThat(browser.await(presenceOfElementLocated(By.id("import-done"))).getText())
          .isEqualTo("1 av 3 rader importerades.");
      String row = "//table[@id='musicians']//tr[td[text()='Erik Ek']]";
      WebElement erik = browser.await(presenceOfElementLocated(By.xpath(row)));
      String code = erik.getDomAttribute("data-musician");
      browser.assertNoConsoleErrors("importing musicians");

      // The export is a CSV download of what the filters select.
      browser.script(
          "window.exported = null; const make = URL.createObjectURL;"
              + " URL.createObjectURL = (blob) => { blob.text().then(text => window.exported ="
              + " text); return make(blob); };"
              + " HTMLAnchorElement.prototype.click = function () { window.exportedAs ="
              + " this.download; };");
      browser.find("#export-musicians").click();
      browser.await(driver -> browser.script("return window.exported") != null);
      assertThat((String) browser.script("return window.exported")).contains("Erik", "Ek");
      assertThat((String) browser.script("return window.exportedAs"))
          .startsWith("musicians-" + SUBDOMAIN)
          .endsWith(".csv");
      browser.assertNoConsoleErrors("exporting musicians");

      // Archived, the musician's details offer erasure, confirmed by typing the code.
      browser.click(By.xpath(row + "//button[@data-write][2]"));
      browser.await(driver -> driver.findElements(By.xpath(row)).isEmpty());
      new Select(browser.find("select[name=status]")).selectByValue("archived");
      browser.find("form.filters button[type=submit]").click();
      browser.click(By.xpath(row + "//button[@data-details]"));
      browser.await(presenceOfElementLocated(By.id("musician-statistics")));
      assertThat(browser.find("[data-fact=totalRequests]").getText()).isEqualTo("0");
      assertThat(browser.find("#musician-history").getText()).isEqualTo("Inga förfrågningar ännu.");
      WebElement erase = browser.find("#erase-form button[type=submit]");
      assertThat(erase.isEnabled()).isFalse();
      browser.type("#erase-form input[name=confirmation]", code);
      assertThat(erase.isEnabled()).isTrue();
      browser.screenshot("51-musician-details-erase");
      erase.click();
      browser.await(
          textToBePresentInElementLocated(By.cssSelector("musicians-page .notice"), code));
      assertThat(browser.driver().findElements(By.xpath(row))).isEmpty();
      browser.screenshot("52-musician-erased");
      browser.assertNoConsoleErrors("erasing a musician's personal data");
      browser.find("#sign-out").click();
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class AProjectsCustomLists {

    private int project;
    private final List<Integer> oboists = new ArrayList<>();

    @BeforeAll
    void aProjectAndThreeOboists() throws Exception {
      int tutti =
          asAdmin(
                  "POST",
                  "/instruments",
                  "{\"name\":\"Oboe\",\"positions\":[{\"name\":\"Tutti\"}]}",
                  201)
              .getJsonArray("positions")
              .getJsonObject(0)
              .getInt("id");
      for (String name : List.of("Olle", "Oda", "Otto")) {
        oboists.add(
            asAdmin(
                    "POST",
                    "/musicians",
                    "{\"firstName\":\""
                        + name
                        + "\",\"lastName\":\"Oboist\",\"email\":\""
                        + name.toLowerCase()
                        + "@webset.example.org\",\"qualificationIds\":["
                        + tutti
                        + "]}",
                    201)
                .getInt("id"));
      }
      project =
          asAdmin(
                  "POST",
                  "/projects",
                  "{\"name\":\"Vårkonsert\",\"startDate\":\"2031-04-01\"}",
                  201)
              .getInt("id");
    }

    @Test
    void areCreatedFilledReorderedByKeyboardAndTrimmedOnTheProjectsPage() throws Exception {
      signInAs(ADMIN);
      browser.find("nav.main-nav a[href$='/projects']").click();
      browser.click(By.cssSelector("tr td a[href$='/projects/" + project + "']"));
      // The custom lists are the project page's last tab; the needs open first.
      browser.click(By.id("tab-lists"));
      browser.await(presenceOfElementLocated(By.id("custom-list-form")));
      new Select(browser.find("#custom-list-form select[name=positionId]"))
          .selectByVisibleText("Oboe Tutti");
      browser.find("#custom-list-form button[type=submit]").click();
      browser.await(presenceOfElementLocated(By.id("custom-list")));
      for (int added = 1; added <= 3; added++) {
        browser.await(
            presenceOfElementLocated(By.cssSelector("#custom-available-musician option")));
        browser
            .await(elementToBeClickable(By.cssSelector("#add-to-custom-list button[type=submit]")))
            .click();
        browser.await(numberOfElementsToBe(By.cssSelector("#custom-list ol.ranked li"), added));
      }
      List<String> before = memberIds();
      browser.find("#custom-list ol.ranked li:last-child").click();
      browser.pressWithAlt(Keys.ARROW_UP);
      List<String> reordered = List.of(before.get(0), before.get(2), before.get(1));
      browser.await(driver -> memberIds().equals(reordered));
      browser.screenshot("54-custom-list-reordered");
      browser.click(
          By.cssSelector(
              "#custom-list li[data-id='"
                  + before.get(0)
                  + "'] .member-actions button:last-child"));
      browser.await(numberOfElementsToBe(By.cssSelector("#custom-list ol.ranked li"), 2));
      assertThat(browser.find("#custom-lists li[data-list='Oboe Tutti'] .count").getText())
          .isEqualTo("2");

      // What the page shows is what the API keeps.
      JsonObject lists = asAdmin("GET", "/projects/" + project + "/custom-lists", null, 200);
      int list = lists.getJsonArray("items").getJsonObject(0).getInt("id");
      JsonObject kept = asAdmin("GET", "/projects/" + project + "/custom-lists/" + list, null, 200);
      assertThat(
              kept.getJsonArray("members").stream()
                  .map(m -> String.valueOf(m.asJsonObject().getInt("musicianId"))))
          .containsExactly(before.get(2), before.get(1));
      assertThat(oboists).map(String::valueOf).containsAll(before);
      browser.screenshot("55-custom-list-trimmed");
      browser.assertNoConsoleErrors("a project's custom lists");
      browser.find("#sign-out").click();
    }

    @Test
    void aReaderSeesThemWithoutAnyWriteControlAndTheApiRefusesItsWrite() throws Exception {
      signInAs(READER);
      browser.open("/o/" + SUBDOMAIN + "/projects/" + project);
      browser.await(presenceOfElementLocated(By.id("project-facts")));
      browser.await(presenceOfElementLocated(By.cssSelector("#needs")));
      assertThat(browser.all("[data-write]")).as("write controls on the project's needs").isEmpty();
      browser.click(By.id("tab-lists"));
      browser.await(presenceOfElementLocated(By.cssSelector("#custom-lists, #no-custom-lists")));
      assertThat(browser.all("#custom-list-form")).isEmpty();
      assertThat(browser.all("[data-write]")).as("write controls on the project's page").isEmpty();
      browser.screenshot("62-user-project");
      browser.assertNoConsoleErrors("the reader's project page");
      browser.find("#sign-out").click();
      HttpResponse<String> refused =
          fixture
              .ripieno()
              .send(
                  "POST",
                  "/api/orchestras/" + SUBDOMAIN + "/projects/" + project + "/custom-lists",
                  fixture.login(READER, PASSWORD),
                  "{\"positionId\":1,\"musicianIds\":[]}");
      assertThat(refused.statusCode()).isEqualTo(403);
    }

    private List<String> memberIds() {
      return browser.all("#custom-list ol.ranked li").stream()
          .map(li -> li.getDomAttribute("data-id"))
          .toList();
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class AReadOnlyUser {

    @Test
    void seesTheSettingsAreaWithoutAnyWriteControlAndWithoutTheAdminsPages() throws Exception {
      signInAs(READER);
      browser.open("/o/" + SUBDOMAIN + "/instruments");
      browser.await(presenceOfElementLocated(By.cssSelector("#instruments, main p")));
      assertThat(browser.all("settings-nav a").stream().map(a -> a.getDomAttribute("href")))
          .as("the reader's tabs")
          .containsExactly(
              "/o/" + SUBDOMAIN + "/instruments",
              "/o/" + SUBDOMAIN + "/templates",
              "/o/" + SUBDOMAIN + "/settings");
      assertThat(browser.all("[data-write]")).as("write controls on instruments").isEmpty();
      browser.screenshot("47-user-instruments");

      browser.find("settings-nav a[href$='/templates']").click();
      browser.await(presenceOfElementLocated(By.cssSelector("#templates tbody tr")));
      browser.find("#templates tbody tr td.actions button").click();
      browser.await(presenceOfElementLocated(By.id("template-form")));
      assertThat(browser.find("#template-form input[name=subject]").isEnabled()).isFalse();
      assertThat(browser.all("[data-write]")).as("write controls on templates").isEmpty();
      browser.screenshot("48-user-templates");

      browser.find("settings-nav a[href$='/settings']").click();
      browser.await(presenceOfElementLocated(By.id("settings-form")));
      assertThat(browser.find("#settings-form input[name=time_zone]").isEnabled()).isFalse();
      assertThat(browser.all("[data-write]")).as("write controls on settings").isEmpty();
      browser.screenshot("49-user-settings");
      browser.assertNoConsoleErrors("the reader's settings area");
      browser.find("#sign-out").click();
    }

    @Test
    void aSettingsWriteForcedThroughTheApiAnswers403() throws Exception {
      HttpResponse<String> answer =
          fixture
              .ripieno()
              .send(
                  "PUT",
                  "/api/orchestras/" + SUBDOMAIN + "/settings",
                  fixture.login(READER, PASSWORD),
                  "{\"reminder_percentage\":10}");
      assertThat(answer.statusCode()).isEqualTo(403);
      assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class TheSuperadmin {

    @Test
    void readsThePlatformsSystemLogFilteredByOrchestra() throws Exception {
      browser.open("/sign-in");
      browser.script("sessionStorage.clear(); localStorage.clear();");
      browser.open("/sign-in");
      browser.signIn("superadmin", PlatformFixture.SUPERADMIN_PASSWORD);
      browser.await(urlMatches("/platform/orchestras$"));
      browser.find("nav.main-nav a[href='/platform/system-log']").click();
      browser.await(presenceOfElementLocated(By.cssSelector("#platform-system-log")));
      browser.type(".log-filters input[name=orchestraId]", "orch-webset");
      browser.find(".log-filters button[type=submit]").click();
      browser.await(
          driver ->
              Boolean.TRUE.equals(
                  browser.script(
                      "return [...document.querySelectorAll('#platform-system-log tbody tr')]"
                          + ".every(tr => tr.cells[3].textContent.trim() === 'orch-webset')")));
      browser.screenshot("53-platform-system-log");
      browser.assertNoConsoleErrors("the platform's system log");
      browser.find("#sign-out").click();
    }

    @Test
    void suspendsConfiguresAndRemovesAnOrchestraOnItsPage() throws Exception {
      fixture.registerOrchestra("orch-webgone", "webgone", "Avvecklingsorkestern");
      signInAsSuperadmin();
      String row = "tr[data-subdomain='webgone']";
      browser.await(presenceOfElementLocated(By.cssSelector(row)));
      browser.find(row + " a[data-details]").click();
      browser.await(urlMatches("/platform/orchestras/orch-webgone$"));
      browser.await(presenceOfElementLocated(By.id("suspend"))).click();
      browser.await(attributeToBe(By.id("orchestra-facts"), "data-status", "suspended"));
      browser.await(elementToBeClickable(By.id("activate"))).click();
      browser.await(attributeToBe(By.id("orchestra-facts"), "data-status", "active"));
      browser.assertNoConsoleErrors("suspending and activating an orchestra");

      // Configuration: a secret is sent once and from then on shown only masked.
      browser.await(presenceOfElementLocated(By.id("config-form")));
      browser.type("#config-form input[name='email.smtpHost']", "smtp.webgone.example.org");
      browser.type("#config-form input[name='email.smtpPassword']", "a-secret-smtp-word-9876");
      browser.find("#config-form input[name='integration.generateApiKey']").click();
      browser.find("#config-form button[type=submit]").click();
      browser.await(presenceOfElementLocated(By.id("config-saved")));
      WebElement password = browser.find("#config-form input[name='email.smtpPassword']");
      assertThat(password.getDomProperty("value")).isEmpty();
      assertThat(password.getDomAttribute("placeholder")).isEqualTo("***9876");
      String key = browser.find("#generated-api-key").getDomProperty("value");
      assertThat(key).hasSizeGreaterThan(8);
      assertThat(browser.find("#api-key-masked").getText())
          .isEqualTo("***" + key.substring(key.length() - 4));
      browser.screenshot("56-orchestra-configuration");
      browser.driver().navigate().refresh();
      browser.await(presenceOfElementLocated(By.id("config-form")));
      assertThat(browser.find("#config-form input[name='email.smtpHost']").getDomProperty("value"))
          .isEqualTo("smtp.webgone.example.org");
      assertThat((String) browser.script("return document.body.innerHTML"))
          .doesNotContain("a-secret-smtp-word", key);
      browser.assertNoConsoleErrors("configuring an orchestra");

      // A wrong value is refused beside its field.
      browser.type("#config-form input[name='branding.primaryColor']", "red");
      browser.find("#config-form button[type=submit]").click();
      assertThat(
              browser
                  .await(
                      presenceOfElementLocated(
                          By.cssSelector("[data-error-for='branding.primaryColor']")))
                  .getText())
          .contains("#RRGGBB");
      assertThat(browser.consoleMessages())
          .allSatisfy(message -> assertThat(message).contains("/config", "400"));

      // Removal: only the typed subdomain unlocks it; the answer says where the export is.
      WebElement remove = browser.find("#remove-form button[type=submit]");
      browser.type("#remove-form input[name=confirmation]", "webgon");
      assertThat(remove.isEnabled()).isFalse();
      browser.type("#remove-form input[name=confirmation]", "webgone");
      assertThat(remove.isEnabled()).isTrue();
      remove.click();
      assertThat(
              browser
                  .await(presenceOfElementLocated(By.id("export-location")), Duration.ofSeconds(60))
                  .getText())
          .contains("webgone")
          .endsWith(".json");
      assertThat(browser.find("#orchestra-facts").getDomAttribute("data-status"))
          .isEqualTo("deleted");
      assertThat(browser.all("#config-form, #remove-form, #suspend")).isEmpty();
      browser.screenshot("57-orchestra-removed");
      browser.assertNoConsoleErrors("removing an orchestra");
      browser.find("#sign-out").click();
    }

    @Test
    void keepsThePlatformsAccountsAndCustomers() throws Exception {
      // Both lists are sorted by name: these names come first, on the first page.
      signInAsSuperadmin();
      browser.find("nav.main-nav a[href='/platform/accounts']").click();
      browser.await(presenceOfElementLocated(By.id("new-account"))).click();
      browser.type("#account-form input[name=username]", "aawebreader");
      browser.type("#account-form input[name=email]", "aawebreader@example.org");
      new Select(browser.find("#account-form select[name=role]")).selectByValue("user");
      browser.type("#account-form input[name=orchestraId]", "orch-webset");
      browser.find("#account-form button[type=submit]").click();
      browser.await(presenceOfElementLocated(By.id("shown-password")));
      assertThat(browser.find("#account-password").getDomProperty("value")).isNotBlank();
      String account = "tr[data-account='aawebreader']";
      browser.await(presenceOfElementLocated(By.cssSelector(account)));
      assertThat(browser.find(account).getText()).contains("Inställningsorkestern (webset)");
      // Changing the account: its role and active state, through the edit form.
      browser.click(By.cssSelector(account + " button[data-action=edit]"));
      browser.await(presenceOfElementLocated(By.id("account-edit-form")));
      assertThat(browser.find("#account-edit-form input[name=orchestraId]").getDomProperty("value"))
          .isEqualTo("orch-webset");
      new Select(browser.find("#account-edit-form select[name=role]")).selectByValue("admin");
      browser.find("#account-edit-form input[name=active]").click();
      browser.find("#account-edit-form button[type=submit]").click();
      browser.await(attributeToBe(By.cssSelector(account), "data-active", "false"));
      assertThat(browser.all("#account-edit-form")).isEmpty();
      JsonObject changed =
          RunningRipieno.json(
                  fixture
                      .ripieno()
                      .send("GET", "/api/platform/users?size=500", fixture.superadmin(), null))
              .getJsonArray("items")
              .stream()
              .map(JsonValue::asJsonObject)
              .filter(user -> user.getString("username").equals("aawebreader"))
              .findFirst()
              .orElseThrow();
      assertThat(changed.getString("role")).isEqualTo("admin");
      assertThat(changed.getBoolean("active")).isFalse();
      browser.screenshot("58-platform-accounts");
      browser.assertNoConsoleErrors("the platform's accounts");

      browser.find("nav.main-nav a[href='/platform/customers']").click();
      browser.await(presenceOfElementLocated(By.id("new-customer"))).click();
      browser.type("#customer-form input[name=name]", "Aa Webbkunden");
      browser.type("#customer-form input[name=subdomain]", "webbkunden");
      browser.type("#customer-form input[name=contactEmail]", "kund@example.org");
      browser.type(
          "#customer-form input[name=databaseUrl]",
          "postgresql://kund:hemligt-ord-4711@db.example.org/kund");
      browser.find("#customer-form button[type=submit]").click();
      String customer = "tr[data-customer='webbkunden']";
      browser.await(presenceOfElementLocated(By.cssSelector(customer)));
      assertThat(browser.find(customer + " code").getText())
          .startsWith("***")
          .doesNotContain("hemligt-ord");
      browser.click(By.cssSelector(customer + " button[data-action=edit]"));
      browser.await(presenceOfElementLocated(By.id("customer-edit-form")));
      browser.type("#customer-edit-form input[name=name]", "Aa Webbkunden AB");
      browser.type("#customer-edit-form input[name=contactEmail]", "ny-kund@example.org");
      browser.find("#customer-edit-form button[type=submit]").click();
      browser.await(driver -> browser.all("#customer-edit-form").isEmpty());
      browser.await(
          driver -> {
            try {
              String row = driver.findElement(By.cssSelector(customer)).getText();
              return row.contains("Aa Webbkunden AB") && row.contains("ny-kund@example.org");
            } catch (StaleElementReferenceException rendered) {
              return false;
            }
          });
      new Select(browser.find(customer + " select[name=status]")).selectByValue("inactive");
      browser.await(attributeToBe(By.cssSelector(customer), "data-status", "inactive"));
      browser.screenshot("59-customers");
      browser.click(By.cssSelector(customer + " button[data-action=delete]"));
      browser.await(driver -> driver.findElements(By.cssSelector(customer)).isEmpty());
      browser.assertNoConsoleErrors("the customers");
      browser.find("#sign-out").click();
    }

    @Test
    void readsHealthMetricsAndTheSchemaAndMigratesTheFleetWithLiveProgress() throws Exception {
      signInAsSuperadmin();
      browser.find("nav.main-nav a[href='/platform/health']").click();
      browser.await(
          presenceOfElementLocated(
              By.cssSelector(
                  "#orchestra-health tr[data-subdomain='webset'][data-healthy='true']")));
      assertThat(browser.find("#central-health").getDomAttribute("data-reachable"))
          .isEqualTo("true");
      browser.await(
          presenceOfElementLocated(
              By.cssSelector("#orchestra-metrics tr[data-subdomain='webset']")));
      assertThat(browser.find("#revenue").getText()).startsWith("Månadsintäkt: ").contains("SEK");
      browser.screenshot("60-platform-health");
      browser.assertNoConsoleErrors("the platform's health and metrics");

      browser.find("nav.main-nav a[href='/platform/schema']").click();
      browser.await(
          presenceOfElementLocated(
              By.cssSelector("#schema-report tr[data-database='webset'][data-up-to-date='true']")));
      browser.await(elementToBeClickable(By.id("start-migration"))).click();
      browser.await(presenceOfElementLocated(By.id("migration-run")));
      browser.await(
          driver ->
              !"running".equals(browser.find("#migration-run").getDomAttribute("data-status")),
          Duration.ofSeconds(120));
      WebElement progress = browser.find("#migration-progress");
      assertThat(progress.getDomProperty("value")).isEqualTo(progress.getDomAttribute("max"));
      assertThat(
              browser
                  .find("#migration-run li[data-subdomain='webset']")
                  .getDomAttribute("data-state"))
          .isEqualTo("UP_TO_DATE");
      assertThat(
              browser
                  .find("#migration-run li[data-subdomain='webset'] progress")
                  .getDomProperty("value"))
          .isEqualTo("3");
      browser.script("document.getElementById('migration-run').scrollIntoView()");
      browser.screenshot("61-fleet-migration");
      browser.assertNoConsoleErrors("the schema report and the fleet migration");
      browser.find("#sign-out").click();
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class SignInWithSso {

    @Test
    void isOfferedOnlyWhenConfiguredAndThePublicEndpointSaysSo() throws Exception {
      HttpResponse<String> answer = fixture.ripieno().send("GET", "/api/auth/sso", null, null);
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(RunningRipieno.json(answer).getBoolean("enabled")).isFalse();
      browser.open("/sign-in");
      browser.script("sessionStorage.clear(); localStorage.clear();");
      browser.open("/sign-in");
      browser.await(presenceOfElementLocated(By.id("username")));
      assertThat(browser.all("#sign-in-sso")).isEmpty();
      browser.assertNoConsoleErrors("the sign-in page without SSO");
    }

    @Test
    void theCodeChallengeIsTheBase64UrlOfTheSha256OfTheVerifier() throws Exception {
      browser.open("/sign-in");
      browser.await(presenceOfElementLocated(By.id("username")));
      @SuppressWarnings("unchecked")
      List<String> made =
          (List<String>)
              browser
                  .driver()
                  .executeAsyncScript(
                      "const done = arguments[arguments.length - 1];"
                          + " import('/app/pkce.js').then(async (pkce) => {"
                          + " const verifier = pkce.randomText();"
                          + " done([verifier, await pkce.challengeOf(verifier), pkce.randomText(),"
                          + " await pkce.challengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')]);"
                          + " });");
      String verifier = made.get(0);
      assertThat(verifier).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(made.get(2));
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      assertThat(made.get(1))
          .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
      // RFC 7636, appendix B.
      assertThat(made.get(3)).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
      browser.assertNoConsoleErrors("the PKCE helpers");
    }
  }

  private JsonObject asAdmin(String method, String path, String body, int status) throws Exception {
    HttpResponse<String> answer =
        fixture
            .ripieno()
            .send(
                method,
                "/api/orchestras/" + SUBDOMAIN + path,
                fixture.login(ADMIN, PASSWORD),
                body);
    assertThat(answer.statusCode())
        .as(method + " " + path + ": " + answer.body())
        .isEqualTo(status);
    return RunningRipieno.json(answer);
  }

  private void signInAsSuperadmin() {
    browser.open("/sign-in");
    browser.script("sessionStorage.clear(); localStorage.clear();");
    browser.open("/sign-in");
    browser.signIn("superadmin", PlatformFixture.SUPERADMIN_PASSWORD);
    browser.await(urlMatches("/platform/orchestras$"));
  }

  private void signInAs(String username) {
    browser.open("/sign-in");
    browser.script("sessionStorage.clear(); localStorage.clear();");
    browser.open("/sign-in");
    browser.signIn(username, PASSWORD);
    // An orchestra's account starts on its dashboard; these steps start from its musicians.
    browser.await(urlMatches("/o/" + SUBDOMAIN + "/dashboard$"));
    browser.find("nav.main-nav a[href$='/musicians']").click();
    browser.await(urlMatches("/o/" + SUBDOMAIN + "/musicians$"));
  }
}
