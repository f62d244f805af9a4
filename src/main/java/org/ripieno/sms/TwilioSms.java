package org.ripieno.sms;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * Sends SMS through Twilio's REST API ({@code POST /2010-04-01/Accounts/{sid}/Messages.json}) with
 * the orchestra's account. A 4xx answer other than 429 is permanent (a refused number, a wrong
 * account); 429, 5xx and an unreachable API are tried again later.
 */
public class TwilioSms implements SmsSender {

  /** Twilio's API; {@code ripieno.sms.twilio.url} replaces it (tests use a local stand-in). */
  public static final String API = "https://api.twilio.com";

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

  /**
   * The longest one SMS takes: the connect, then three reads (the TLS handshake's answer, the
   * answer's head, its small body), each within its timeout. A provider dribbling its short answer
   * over more reads could take longer; the outbox's lease allows for this bound.
   */
  public static final Duration LONGEST_SEND = CONNECT_TIMEOUT.plus(READ_TIMEOUT.multipliedBy(3));

  private final SmsSettings account;
  private final TwilioApi api;

  public TwilioSms(SmsSettings account, URI baseUri) {
    this.account = account;
    this.api =
        RestClientBuilder.newBuilder()
            .baseUri(baseUri)
            .connectTimeout(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
            // Every answer comes back as a Response, so refusals are read here, not thrown.
            .property("microprofile.rest.client.disable.default.mapper", true)
            .build(TwilioApi.class);
  }

  @Override
  public String send(String to, String text) throws SmsFailure {
    Form form =
        new Form().param("To", to).param("From", account.fromNumber().trim()).param("Body", text);
    String credentials =
        Base64.getEncoder()
            .encodeToString(
                (account.accountSid().trim() + ":" + account.authToken())
                    .getBytes(StandardCharsets.UTF_8));
    try (Response response =
        api.createMessage(account.accountSid().trim(), "Basic " + credentials, form)) {
      String body = response.hasEntity() ? response.readEntity(String.class) : "";
      int status = response.getStatus();
      if (status >= 200 && status < 300) {
        return field(body, "sid");
      }
      String said = field(body, "message");
      throw new SmsFailure(
          "Twilio answered " + status + (said.isEmpty() ? "" : ": " + said),
          status >= 400 && status < 500 && status != 429);
    } catch (ProcessingException e) {
      throw new SmsFailure("Twilio could not be reached: " + e.getMessage(), false);
    }
  }

  /** A text field of Twilio's JSON answer, or empty. */
  private static String field(String json, String name) {
    try {
      JsonObject object = Json.createReader(new StringReader(json)).readObject();
      return object.containsKey(name) && !object.isNull(name)
          ? object.get(name).toString().replaceAll("^\"|\"$", "")
          : "";
    } catch (RuntimeException e) {
      return "";
    }
  }
}
