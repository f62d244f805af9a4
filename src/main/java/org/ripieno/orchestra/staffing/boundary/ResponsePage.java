package org.ripieno.orchestra.staffing.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ripieno.orchestra.staffing.control.LinkRefused;
import org.ripieno.orchestra.staffing.control.MusicianLanguage;
import org.ripieno.orchestra.staffing.control.ResponseDetails;
import org.ripieno.tenancy.OrchestraUnavailableException;
import org.ripieno.web.ProblemException;
import org.ripieno.web.Text;

/**
 * The page behind a musician's link: {@code /respond/<token>}, and {@code
 * /respond?token=<token>&org=<subdomain>} of adopted legacy databases. A plain HTML form in the
 * musician's language that posts back here and shows the outcome; no script, so it works in any
 * browser and on any phone.
 */
@WebServlet(urlPatterns = {"/respond", "/respond/*"})
public class ResponsePage extends HttpServlet {

  private static final Logger LOG = Logger.getLogger(ResponsePage.class.getName());

  @Inject ResponseDesk desk;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Link link = Link.of(request);
    try {
      ResponseDetails details = desk.details(link.token(), link.org());
      write(response, 200, ResponsePageHtml.form(details, action(request), desk.timeZone()));
    } catch (RuntimeException failure) {
      refused(request, response, failure);
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    request.setCharacterEncoding("UTF-8");
    Link link = Link.of(request);
    try {
      ResponseDesk.Answered answered =
          desk.answer(
              link.token(), link.org(), ResponseDesk.parse(request.getParameter("response")));
      write(
          response, 200, ResponsePageHtml.outcome(answered.language(), answered.taken().message()));
    } catch (RuntimeException failure) {
      refused(request, response, failure);
    }
  }

  private void refused(
      HttpServletRequest request, HttpServletResponse response, RuntimeException failure)
      throws IOException {
    if (failure instanceof LinkRefused refused) {
      write(
          response,
          refused.status().getStatusCode(),
          ResponsePageHtml.outcome(refused.language(), refused.getMessage()));
      return;
    }
    String language = browserLanguage(request);
    Locale locale = MusicianLanguage.locale(language);
    if (failure instanceof ProblemException problem) {
      write(
          response,
          problem.status().getStatusCode(),
          ResponsePageHtml.outcome(language, problem.text().in(locale)));
      return;
    }
    boolean unavailable = failure instanceof OrchestraUnavailableException;
    if (!unavailable) {
      LOG.log(Level.SEVERE, "The answer page failed", failure);
    }
    write(
        response,
        unavailable ? 503 : 500,
        ResponsePageHtml.outcome(
            language,
            Text.of(
                    "Something went wrong on our side. Please try again in a while.",
                    "Något gick fel hos oss. Försök igen om en stund.")
                .in(locale)));
  }

  private static void write(HttpServletResponse response, int status, String html)
      throws IOException {
    response.setStatus(status);
    response.setContentType("text/html;charset=UTF-8");
    response.setHeader("Content-Security-Policy", ResponsePageHtml.CONTENT_SECURITY_POLICY);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Cache-Control", "no-store");
    response.getWriter().write(html);
  }

  /** The page posts back to itself, the legacy query string included. */
  private static String action(HttpServletRequest request) {
    String query = request.getQueryString();
    return request.getRequestURI() + (query == null ? "" : "?" + query);
  }

  private static String browserLanguage(HttpServletRequest request) {
    String header = request.getHeader("Accept-Language");
    return header != null && header.trim().toLowerCase(Locale.ROOT).startsWith("sv")
        ? MusicianLanguage.SWEDISH
        : MusicianLanguage.ENGLISH;
  }

  /** The token from the path ({@code /respond/<token>}) or a legacy link's query. */
  private record Link(String token, String org) {

    static Link of(HttpServletRequest request) {
      String path = request.getPathInfo();
      if (path != null && path.length() > 1) {
        return new Link(path.substring(1), null);
      }
      return new Link(request.getParameter("token"), request.getParameter("org"));
    }
  }
}
