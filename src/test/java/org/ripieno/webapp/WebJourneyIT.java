package org.ripieno.webapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlMatches;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.ripieno.testing.PlatformFixture;
import org.ripieno.testing.RunningRipieno;

/**
 * The web application in a real headless Chromium against the real application: the screens work
 * end to end, in both languages, without a console error or a CSP violation, and a {@code user}
 * sees them without any write control. Screenshots of every step land in target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebJourneyIT extends BrowserTest {

  private static final String NEW_PASSWORD = "a-chosen-admin-password";

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class AnAdministratorsFirstDay {

    @Test
    void theSuperadminCreatesAnOrchestraAndItsAdminStaffsItInTwoLanguages() throws Exception {
      String subdomain = "web-" + UUID.randomUUID().toString().substring(0, 8);
      browser.open("/");
      browser.script("localStorage.clear(); sessionStorage.clear();");
      browser.open("/");

      // Anyone not signed in lands on the sign-in page, in Swedish by default.
      browser.await(urlMatches("/sign-in$"));
      assertThat(browser.find("h1").getText()).isEqualTo("Logga in");
      browser.screenshot("01-sign-in");
      browser.signIn("superadmin", PlatformFixture.SUPERADMIN_PASSWORD);
      browser.await(urlMatches("/platform/orchestras$"));
      browser.assertNoConsoleErrors("the superadmin's sign-in");

      // The superadmin creates an orchestra; the admin's password is shown once.
      browser.await(presenceOfElementLocated(By.id("new-orchestra"))).click();
      browser.type("#orchestra-form input[name=name]", "Webbens kammarorkester");
      browser.type("#orchestra-form input[name=subdomain]", subdomain);
      browser.type("#orchestra-form input[name=contactName]", "Karin Kontakt");
      browser.type("#orchestra-form input[name=contactEmail]", "karin@example.org");
      browser.find("#orchestra-form button[type=submit]").click();
      browser.await(presenceOfElementLocated(By.id("created-admin")));
      String adminUsername = browser.find("#admin-username").getText();
      String adminPassword = browser.find("#admin-password").getDomProperty("value");
      assertThat(adminPassword).isNotBlank();
      browser.screenshot("02-orchestra-created");

      // Provisioning is followed live until the orchestra is active.
      String row = "tr[data-subdomain='" + subdomain + "']";
      browser.await(
          presenceOfElementLocated(By.cssSelector(row + "[data-state='ACTIVE']")),
          Duration.ofSeconds(180));
      assertThat(browser.find(row + " td.provisioning").getText()).isEqualTo("Klar");
      assertThat(browser.find(row + " td.status").getText()).isEqualTo("Aktiv");
      browser.screenshot("03-orchestra-active");

      // Suspending and activating it again.
      browser.find(row + " td.actions button").click();
      browser.await(presenceOfElementLocated(By.cssSelector(row + "[data-status='suspended']")));
      assertThat(browser.find(row + " td.status").getText()).isEqualTo("Avstängd");
      browser.find(row + " td.actions button").click();
      browser.await(presenceOfElementLocated(By.cssSelector(row + "[data-status='active']")));
      browser.assertNoConsoleErrors("creating and provisioning an orchestra");

      // Its admin signs in and must first choose a password.
      browser.find("#sign-out").click();
      browser.await(urlMatches("/sign-in$"));
      browser.signIn(adminUsername, adminPassword);
      browser.await(urlMatches("/password$"));
      browser.screenshot("04-forced-password-change");
      browser.type("#current-password", adminPassword);
      browser.type("#new-password", NEW_PASSWORD);
      browser.type("#repeat-password", NEW_PASSWORD);
      browser.find("#password-change button[type=submit]").click();
      browser.await(urlMatches("/o/" + subdomain + "/dashboard$"));
      browser.find("nav.main-nav a[href$='/musicians']").click();
      browser.await(urlMatches("/o/" + subdomain + "/musicians$"));
      browser.assertNoConsoleErrors("the forced password change");

      // Three musicians, qualified on the first position offered.
      String position = null;
      for (String[] musician :
          List.of(
              new String[] {"Anna", "Andersson"},
              new String[] {"Bo", "Berg"},
              new String[] {"Cecilia", "Carlsson"})) {
        browser.await(presenceOfElementLocated(By.id("new-musician"))).click();
        browser.await(
            presenceOfElementLocated(By.cssSelector("#musician-form input[name=qualification]")));
        browser.type("#musician-form input[name=firstName]", musician[0]);
        browser.type("#musician-form input[name=lastName]", musician[1]);
        browser.type(
            "#musician-form input[name=email]",
            musician[0].toLowerCase() + "@" + subdomain + ".example.org");
        WebElement qualification = browser.find("#musician-form input[name=qualification]");
        position = qualification.getDomAttribute("data-position");
        qualification.click();
        if (musician[0].equals("Cecilia")) {
          browser.screenshot("05-musician-form");
        }
        browser.find("#musician-form button[type=submit]").click();
        browser.await(
            presenceOfElementLocated(
                By.xpath(
                    "//table[@id='musicians']//td[text()='"
                        + musician[0]
                        + " "
                        + musician[1]
                        + "']")));
      }
      assertThat(browser.all("#musicians tbody tr")).hasSize(3);
      browser.screenshot("06-musicians");
      browser.assertNoConsoleErrors("creating three musicians");

      // The language switches to English, at once and remembered across a reload.
      new Select(browser.find("#language")).selectByValue("en");
      browser.await(textToBe(By.cssSelector("main h1"), "Musicians"));
      browser.driver().navigate().refresh();
      browser.await(textToBe(By.cssSelector("main h1"), "Musicians"));
      assertThat(browser.find("html").getDomAttribute("lang")).isEqualTo("en");
      browser.screenshot("07-musicians-in-english");

      // The A list of that position is filled with the three and reordered by keyboard.
      browser.find("nav.main-nav a[href$='/rankings']").click();
      browser.await(textToBe(By.cssSelector("main h1"), "Ranking lists"));
      String listKey = position + "/A";
      browser.await(
          presenceOfElementLocated(
              By.cssSelector(
                  "[data-list='" + listKey + "'], [data-create-list='" + listKey + "']")));
      if (browser.all("[data-list='" + listKey + "']").isEmpty()) {
        browser.find("[data-create-list='" + listKey + "']").click();
      } else {
        browser.find("[data-list='" + listKey + "']").click();
      }
      for (int added = 1; added <= 3; added++) {
        browser.await(presenceOfElementLocated(By.cssSelector("#available-musician option")));
        browser
            .await(elementToBeClickable(By.cssSelector("#add-to-list button[type=submit]")))
            .click();
        browser.await(numberOfElementsToBe(By.cssSelector("ol.ranked li"), added));
      }
      List<String> before = rankedCodes();
      browser.screenshot("08-a-list-filled");
      WebElement last = browser.find("ol.ranked li:last-child");
      last.click();
      browser.pressWithAlt(Keys.ARROW_UP);
      List<String> expected = List.of(before.get(0), before.get(2), before.get(1));
      browser.await(driver -> rankedCodes().equals(expected));
      browser.await(
          attributeToBe(
              By.cssSelector("ol.ranked li:nth-child(2)"), "data-musician", before.get(2)));
      assertThat(browser.script("return document.activeElement.dataset.musician"))
          .as("the moved musician keeps the focus")
          .isEqualTo(before.get(2));
      assertThat(browser.find("#ranking-announcement").getDomProperty("textContent"))
          .contains("is now number 2");
      browser.screenshot("09-a-list-reordered");
      browser.driver().navigate().refresh();
      browser
          .await(presenceOfElementLocated(By.cssSelector("[data-list='" + listKey + "']")))
          .click();
      browser.await(driver -> rankedCodes().equals(expected));
      browser.assertNoConsoleErrors("filling and reordering the A list");

      // A project, shown among the upcoming ones with its date in the orchestra's time zone.
      browser.find("nav.main-nav a[href$='/projects']").click();
      browser.await(presenceOfElementLocated(By.id("new-project"))).click();
      browser.type("#project-form input[name=name]", "Vårkonsert");
      String day = LocalDate.now().plusYears(1).withMonth(5).withDayOfMonth(3).toString();
      browser.script(
          "arguments[0].value = arguments[1]",
          browser.find("#project-form input[name=startDate]"),
          day);
      browser.type("#project-form textarea[name=concertInfo]", "Konserthuset kl. 19");
      browser.find("#project-form button[type=submit]").click();
      WebElement project =
          browser.await(
              presenceOfElementLocated(
                  By.xpath("//table[@id='projects']//tr[td[normalize-space()='Vårkonsert']]")));
      assertThat(project.getDomAttribute("class")).isEqualTo("upcoming");
      assertThat(project.getText()).contains("Upcoming", "3 May " + day.substring(0, 4));
      browser.screenshot("10-project-created");
      browser.assertNoConsoleErrors("creating a project");

      // The same screen at phone width.
      browser.find("nav.main-nav a[href$='/musicians']").click();
      browser.await(numberOfElementsToBe(By.cssSelector("#musicians tbody tr"), 3));
      browser.resize(390, 844);
      browser.screenshot("11-musicians-phone-width");
      Object wider =
          browser.script(
              "const width = document.documentElement.clientWidth; return"
                  + " [...document.querySelectorAll('body *')].filter(e =>"
                  + " !e.closest('.table-wrap') && e.getBoundingClientRect().right > width +"
                  + " 1).map(e => e.tagName + '.' + e.className + '#' + e.id);");
      assertThat((List<?>) wider).as("what is wider than a phone (tables scroll inside)").isEmpty();
      browser.resize(1280, 900);
      browser.assertNoConsoleErrors("the phone-width layout");
      browser.find("#sign-out").click();
      browser.await(urlMatches("/sign-in$"));
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class AReadOnlyUser {

    private static final String SUBDOMAIN = "webread";
    private String userToken;

    @BeforeAll
    void anOrchestraWithARegisterAndAUser() throws Exception {
      fixture.registerOrchestra("orch-webread", SUBDOMAIN, "Läsorkestern");
      String instrument =
          call(
              "POST",
              "/instruments",
              "{\"name\":\"Viola\",\"positions\":[{\"name\":\"Stämledare\"}]}");
      JsonObject viola = RunningRipieno.json(get("/instruments/" + instrument));
      int position = viola.getJsonArray("positions").getJsonObject(0).getInt("id");
      String musician =
          call(
              "POST",
              "/musicians",
              "{\"firstName\":\"Ulla\",\"lastName\":\"Ursin\",\"email\":\"ulla@example.org\","
                  + "\"qualificationIds\":["
                  + position
                  + "]}");
      String list =
          call("POST", "/ranking-lists", "{\"positionId\":" + position + ",\"listType\":\"A\"}");
      call("POST", "/ranking-lists/" + list + "/musicians", "{\"musicianId\":" + musician + "}");
      call("POST", "/projects", "{\"name\":\"Höstkonsert\",\"startDate\":\"2030-10-10\"}");
      fixture.createUser("webreader", "user", "orch-webread", "a-readers-own-password");
      userToken = fixture.login("webreader", "a-readers-own-password");
    }

    @Test
    void seesTheRegisterWithoutAnyWriteControl() throws Exception {
      browser.open("/sign-in");
      browser.script("sessionStorage.clear();");
      browser.open("/sign-in");
      browser.signIn("webreader", "a-readers-own-password");
      browser.await(urlMatches("/o/" + SUBDOMAIN + "/dashboard$"));
      browser.find("nav.main-nav a[href$='/musicians']").click();
      browser.await(urlMatches("/o/" + SUBDOMAIN + "/musicians$"));
      browser.await(numberOfElementsToBe(By.cssSelector("#musicians tbody tr"), 1));
      assertThat(browser.all("[data-write]")).as("write controls on musicians").isEmpty();
      browser.screenshot("20-user-musicians");

      browser.find("nav.main-nav a[href$='/rankings']").click();
      browser
          .await(presenceOfElementLocated(By.cssSelector("[data-list='Viola/Stämledare/A']")))
          .click();
      browser.await(numberOfElementsToBe(By.cssSelector("ol.ranked li"), 1));
      assertThat(browser.all("[data-write]")).as("write controls on ranking lists").isEmpty();
      assertThat(browser.find("ol.ranked li").getDomAttribute("draggable")).isEqualTo("false");
      browser.screenshot("21-user-rankings");

      browser.find("nav.main-nav a[href$='/projects']").click();
      browser.await(numberOfElementsToBe(By.cssSelector("#projects tbody tr"), 1));
      assertThat(browser.all("[data-write]")).as("write controls on projects").isEmpty();
      browser.screenshot("22-user-projects");
      browser.assertNoConsoleErrors("the read-only screens");
      browser.find("#sign-out").click();
    }

    @Test
    void aWriteForcedThroughTheApiAnswers403() throws Exception {
      HttpResponse<String> answer =
          fixture
              .ripieno()
              .send(
                  "POST",
                  "/api/orchestras/" + SUBDOMAIN + "/musicians",
                  userToken,
                  "{\"firstName\":\"Ny\",\"lastName\":\"Nilsson\",\"email\":\"ny@example.org\"}");
      assertThat(answer.statusCode()).isEqualTo(403);
      assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private String call(String method, String path, String json) throws Exception {
      HttpResponse<String> answer =
          fixture
              .ripieno()
              .send(method, "/api/orchestras/" + SUBDOMAIN + path, fixture.superadmin(), json);
      assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 299);
      return String.valueOf(RunningRipieno.json(answer).getInt("id"));
    }

    private HttpResponse<String> get(String path) throws Exception {
      return fixture
          .ripieno()
          .send("GET", "/api/orchestras/" + SUBDOMAIN + path, fixture.superadmin(), null);
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class ASuspendedOrchestrasAccount {

    @BeforeAll
    void anAccountOfASuspendedOrchestra() throws Exception {
      fixture.registerOrchestra("orch-websusp", "websusp", "Vilande orkestern");
      fixture.createUser("websuspended", "admin", "orch-websusp", "a-suspended-admin-password");
      fixture.onCentral("update \"Orchestra\" set status = 'suspended' where id = 'orch-websusp'");
    }

    @Test
    void isToldWhyItCannotSignIn() throws Exception {
      browser.open("/sign-in");
      browser.script("sessionStorage.clear(); localStorage.clear();");
      browser.open("/sign-in");
      browser.consoleMessages();
      browser.signIn("websuspended", "a-suspended-admin-password");
      WebElement refusal = browser.await(presenceOfElementLocated(By.id("sign-in-error")));
      assertThat(refusal.getText())
          .contains("Orkestern Vilande orkestern är suspended")
          .contains("Du har inte behörighet till detta.");
      assertThat(browser.path()).isEqualTo("/sign-in");
      browser.screenshot("30-suspended-orchestra-refused");
      // The refused call is the only error the browser reports.
      assertThat(browser.consoleMessages())
          .allSatisfy(message -> assertThat(message).contains("/api/auth/login", "403"));
    }
  }

  private List<String> rankedCodes() {
    return browser.all("ol.ranked li").stream()
        .map(li -> li.getDomAttribute("data-musician"))
        .toList();
  }
}
