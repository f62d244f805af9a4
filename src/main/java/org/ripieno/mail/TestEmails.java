package org.ripieno.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.ripieno.config.RipienoSettings;
import org.ripieno.web.ProblemException;

/**
 * A test mail sent at once with an orchestra's settings ({@code POST .../test-email}), not through
 * the outbox: the answer says which server was used and what it said, never a password or key.
 */
@ApplicationScoped
public class TestEmails {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  @Inject RipienoSettings settings;

  /** The body of a test-email call. */
  public record Input(String to) {}

  /**
   * What happened.
   *
   * @param sent whether the server took the mail
   * @param source whose server: {@code orchestra}, {@code resend} or {@code platform}
   * @param reply what the server said: its last reply, or why it refused or was not reached
   */
  public record Result(
      boolean sent,
      String to,
      String source,
      String host,
      int port,
      String security,
      String from,
      String reply) {}

  public Result send(OrchestraMail own, String orchestraName, Input input) {
    String to = input == null || input.to() == null ? "" : input.to().trim();
    if (!EMAIL.matcher(to).matches()) {
      throw ProblemException.badRequest(
          "to is the email address the test mail goes to.",
          "to är e-postadressen som testmejlet skickas till.");
    }
    Optional<MailSettings> chosen;
    try {
      chosen = own.settings(MailSettings.of(settings));
    } catch (IllegalStateException e) {
      chosen = own.settings(Optional.empty());
    }
    MailSettings mail =
        chosen.orElseThrow(
            () ->
                ProblemException.conflict(
                    "No SMTP server is configured for this orchestra or the platform.",
                    "Ingen SMTP-server är inställd för orkestern eller plattformen."));
    String subject = "Ripieno: test mail for " + orchestraName;
    String text =
        "This is a test mail from Ripieno for "
            + orchestraName
            + ", sent with the orchestra's mail settings.\n"
            + "Detta är ett testmejl från Ripieno för "
            + orchestraName
            + ", skickat med orkesterns e-postinställningar.";
    OutgoingMail outgoing =
        new OutgoingMail(
            to,
            subject,
            text,
            org.ripieno.orchestra.templates.control.TemplateText.html(text),
            "<" + UUID.randomUUID() + ".test@ripieno>");
    try {
      String reply = new SmtpMailer(mail).sendAndReport(outgoing);
      return result(true, to, mail, reply);
    } catch (MessagingException e) {
      return result(false, to, mail, said(e));
    }
  }

  private static Result result(boolean sent, String to, MailSettings mail, String reply) {
    return new Result(
        sent, to, mail.source(), mail.host(), mail.port(), mail.security(), mail.from(), reply);
  }

  /** The failure as the server (or the connection) put it, without the exception's class. */
  private static String said(MessagingException e) {
    StringBuilder said = new StringBuilder(String.valueOf(e.getMessage()));
    Exception next = e.getNextException();
    if (next != null && next.getMessage() != null && !said.toString().contains(next.getMessage())) {
      said.append(": ").append(next.getMessage());
    }
    return said.toString().replaceAll("\\s+", " ").trim();
  }
}
