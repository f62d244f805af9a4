package org.ripieno.orchestra.groupemail.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.ripieno.mail.OutgoingMail;
import org.ripieno.orchestra.groupemail.entity.GroupEmailLog;
import org.ripieno.orchestra.staffing.control.MusicianLanguage;
import org.ripieno.orchestra.staffing.entity.OutboxMessage;
import org.ripieno.orchestra.templates.control.TemplateText;
import org.ripieno.sms.SmsTexts;
import org.ripieno.tenancy.OrchestraData;

/**
 * One recipient's copy of a group email: the subject and message as written (no variables, no
 * greeting, as the legacy), newlines kept, every character HTML-escaped in the HTML part, and a
 * footer naming the orchestra in the recipient's language.
 */
@ApplicationScoped
public class GroupEmailMail {

  @Inject @OrchestraData EntityManager orchestra;

  public OutgoingMail render(OutboxMessage message, String orchestraName) {
    GroupEmailLog log = orchestra.find(GroupEmailLog.class, message.getGroupEmailId());
    String body = log.getMessage() + "\n\n" + footer(message.getLanguage(), orchestraName);
    return new OutgoingMail(
        message.getRecipient(),
        oneLine(log.getSubject()),
        body,
        TemplateText.html(body),
        message.getMessageId());
  }

  /**
   * The text of a recipient's SMS copy: the subject and a pointer to the mail ({@link SmsTexts}).
   */
  public String smsText(OutboxMessage message, String orchestraName) {
    GroupEmailLog log = orchestra.find(GroupEmailLog.class, message.getGroupEmailId());
    return SmsTexts.groupEmail(
        MusicianLanguage.ENGLISH.equals(message.getLanguage()), orchestraName, log.getSubject());
  }

  public String subject(OutboxMessage message) {
    GroupEmailLog log = orchestra.find(GroupEmailLog.class, message.getGroupEmailId());
    return log == null ? "" : oneLine(log.getSubject());
  }

  static String footer(String language, String orchestraName) {
    return MusicianLanguage.ENGLISH.equals(language)
        ? "This message was sent by " + orchestraName + " to the musicians of the project."
        : "Detta meddelande skickades av " + orchestraName + " till projektets musiker.";
  }

  private static String oneLine(String subject) {
    return subject == null ? "" : subject.replaceAll("[\r\n]+", " ");
  }
}
