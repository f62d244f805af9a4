package org.ripieno.web;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ripieno.tenancy.CentralDatabase.CentralUnavailableException;
import org.ripieno.tenancy.CircuitBreaker;
import org.ripieno.tenancy.DatabaseFailures;
import org.ripieno.tenancy.OrchestraUnavailableException;

/**
 * Every failure leaves as problem+json: refusals with their status and message (Swedish when the
 * request prefers it), unavailable databases as 503, anything else as a 500 whose detail says
 * nothing about the internals (the log has the stack trace).
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());
  private static final String UNIQUE_VIOLATION = "23505";

  /**
   * PostgreSQL's refusal of text it cannot store: U+0000 (NUL), which JSON and URLs can carry but a
   * text column cannot hold. Whichever field, parameter or file brought it, the request is bad.
   */
  private static final Set<String> TEXT_NOT_STORABLE = Set.of("22021", "22P05");

  private static final Pattern UNKNOWN_PROPERTY =
      Pattern.compile("Json property (\\S+) can not be mapped");

  private static final Text CENTRAL_UNAVAILABLE =
      Text.of(
          "The platform database is unavailable right now; please try again later.",
          "Plattformens databas är inte tillgänglig just nu; försök igen senare.");

  /** A connection ended under a request (server shut down, restarted, session terminated). */
  private static final Text CONNECTION_LOST =
      Text.of(
          "The connection to the database was lost; please try again later.",
          "Anslutningen till databasen bröts; försök igen senare.");

  /** An unreachable database is tried again after the breakers' open time. */
  private static final long UNAVAILABLE_RETRY_SECONDS =
      Math.max(1, CircuitBreaker.OPEN_FOR.toSeconds());

  /** A busy pool may have a connection free in a moment. */
  private static final long BUSY_RETRY_SECONDS = 1;

  /**
   * What the refusals JAX-RS makes by itself mean; their own messages ("HTTP 404 Not Found") say
   * nothing more than the title, and a server's could say more than it should.
   */
  private static final Map<Integer, Text> STATUS_WORDS =
      Map.of(
          404,
          Text.of("There is nothing at this address.", "Det finns inget på den här adressen."),
          405,
          Text.of(
              "This address does not take this method.",
              "Den här adressen tar inte emot den här metoden."),
          406,
          Text.of(
              "This address cannot answer in the requested format.",
              "Den här adressen kan inte svara i det begärda formatet."),
          415,
          Text.of(
              "This address does not take a body of this content type; send application/json.",
              "Den här adressen tar inte emot innehåll av den här typen; skicka"
                  + " application/json."));

  @Context HttpHeaders headers;

  @Override
  public Response toResponse(Throwable failure) {
    Locale locale = preferredLocale();
    ProblemException problem = cause(failure, ProblemException.class);
    if (problem != null) {
      Response response = Problem.response(problem.status(), problem.text().in(locale));
      if (problem.retryAfter() != null) {
        return Response.fromResponse(response)
            .header(HttpHeaders.RETRY_AFTER, Math.max(1, problem.retryAfter().toSeconds()))
            .build();
      }
      return response;
    }
    JsonbException json = cause(failure, JsonbException.class);
    if (json != null) {
      return Problem.response(Response.Status.BAD_REQUEST, unreadableBody(json).in(locale));
    }
    if (failure instanceof WebApplicationException web) {
      Response.StatusType status = web.getResponse().getStatusInfo();
      if (status.getStatusCode() >= 500) {
        LOG.log(Level.SEVERE, "Failure answered with " + status.getStatusCode(), failure);
      }
      Text words = STATUS_WORDS.get(status.getStatusCode());
      Response body = Problem.response(status, words == null ? null : words.in(locale));
      // Keep the original headers (for example Allow on 405).
      return Response.fromResponse(web.getResponse())
          .type(Problem.MEDIA_TYPE)
          .entity(body.getEntity())
          .build();
    }
    // Unavailable databases: the client hears what failed in general words; the message, which
    // names servers, databases and causes, goes to the log only.
    OrchestraUnavailableException orchestra = cause(failure, OrchestraUnavailableException.class);
    if (orchestra != null) {
      logUnavailable(orchestra, orchestra.isLogged());
      return retryAfter(
          Problem.response(
              Response.Status.SERVICE_UNAVAILABLE, orchestra.publicDetail().in(locale)),
          UNAVAILABLE_RETRY_SECONDS);
    }
    CentralUnavailableException central = cause(failure, CentralUnavailableException.class);
    if (central != null) {
      logUnavailable(central, central.isLogged());
      return retryAfter(
          Problem.response(Response.Status.SERVICE_UNAVAILABLE, CENTRAL_UNAVAILABLE.in(locale)),
          UNAVAILABLE_RETRY_SECONDS);
    }
    SQLException sql = cause(failure, SQLException.class);
    if (sql != null && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
      // Two requests created the same thing at once; the database let one of them win.
      return Problem.response(
          Response.Status.CONFLICT,
          Text.of(
                  "This conflicts with a record that was just created; please reload and try"
                      + " again.",
                  "Det här krockar med en post som precis skapades; ladda om och försök igen.")
              .in(locale));
    }
    // Set.of refuses to look up null, and a pool's timeout has no SQL state.
    if (sql != null && sql.getSQLState() != null && TEXT_NOT_STORABLE.contains(sql.getSQLState())) {
      return Problem.response(
          Response.Status.BAD_REQUEST,
          Text.of(
                  "Text cannot contain the NUL character (U+0000); remove it and try again.",
                  "Text får inte innehålla NUL-tecknet (U+0000); ta bort det och försök igen.")
              .in(locale));
    }
    if (DatabaseFailures.isBusy(failure)) {
      // The pool or the connection ceiling was reached and nothing could be freed in time, or the
      // server has too many connections.
      DatabaseFailures.warn(LOG, "Answered 503, no database connection in time", failure);
      return retryAfter(
          Problem.response(
              Response.Status.SERVICE_UNAVAILABLE,
              Text.of(
                      "The database is busy right now; please try again in a moment.",
                      "Databasen är upptagen just nu; försök igen om en liten stund.")
                  .in(locale)),
          BUSY_RETRY_SECONDS);
    }
    if (sql != null && DatabaseFailures.isUnreachable(sql)) {
      // The connection was taken before the database went away; the next call meets the breaker.
      LOG.warning("Answered 503, the database connection was lost: " + sql);
      return retryAfter(
          Problem.response(Response.Status.SERVICE_UNAVAILABLE, CONNECTION_LOST.in(locale)),
          UNAVAILABLE_RETRY_SECONDS);
    }
    LOG.log(Level.SEVERE, "Unexpected failure", failure);
    return Problem.response(
        Response.Status.INTERNAL_SERVER_ERROR,
        Text.of(
                "Something went wrong on our side; it has been logged.",
                "Något gick fel hos oss; felet har loggats.")
            .in(locale));
  }

  private static Response retryAfter(Response response, long seconds) {
    return Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, seconds).build();
  }

  /**
   * One line per answer, and none at all when the log already says why (the failed attempt to reach
   * the database was logged where it happened; the calls its breaker refuses add nothing but noise
   * for as long as the outage lasts).
   */
  private static void logUnavailable(RuntimeException unavailable, boolean alreadyLogged) {
    if (!alreadyLogged) {
      LOG.warning("Answered 503: " + unavailable.getMessage());
    }
    LOG.log(Level.FINE, "Unavailable", unavailable);
  }

  /** Says what is wrong with a body without naming Ripieno's classes. */
  private static Text unreadableBody(JsonbException json) {
    Matcher unknown = UNKNOWN_PROPERTY.matcher(String.valueOf(json.getMessage()));
    if (unknown.find()) {
      return Text.of(
          "The request body has a field this call does not take: {0}.",
          "Förfrågans innehåll har ett fält som anropet inte tar emot: {0}.", unknown.group(1));
    }
    return Text.of(
        "The request body is not valid JSON for this call, or a field has a value of the wrong"
            + " type.",
        "Förfrågans innehåll är inte giltig JSON för anropet, eller ett fält har fel typ av"
            + " värde.");
  }

  private Locale preferredLocale() {
    try {
      return headers == null || headers.getAcceptableLanguages().isEmpty()
          ? Locale.ENGLISH
          : headers.getAcceptableLanguages().get(0);
    } catch (RuntimeException noRequest) {
      return Locale.ENGLISH;
    }
  }

  private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
      if (cause.getCause() == cause) {
        return null;
      }
    }
    return null;
  }
}
