package org.ripieno.orchestra.staffing.control;

import org.ripieno.orchestra.projects.entity.NeedStatus;
import org.ripieno.web.ProblemException;

/**
 * What a manager may do by hand to a request or a project (issue 11, "What a manager does by
 * hand"), and what follows. Pure: the caller holds the lock on the need and passes what it read
 * under it. A refusal is a 409 in English and Swedish, thrown before anything is written.
 */
public final class HandRules {

  /** The longest note a manager may keep with a recorded answer. */
  public static final int MAX_NOTE = 10_000;

  private HandRules() {}

  /**
   * An answer given by phone is recorded on the same terms as one through the link: the request is
   * pending and its deadline has not passed; an accept must find a place still open (a musician's
   * accept after the fill is cancelled and told; a manager is refused instead, so nothing happens
   * that they did not ask for).
   *
   * @param expired the deadline of the request's link has passed
   * @param accept the answer is an accept
   * @param accepted the need's accepted requests before this answer
   */
  public static void answerable(
      String request,
      String status,
      boolean expired,
      boolean accept,
      String need,
      int accepted,
      int quantity) {
    pending(request, status, "answered", "besvaras");
    if (expired) {
      throw ProblemException.conflict(
          "The request {0} is past its deadline: it is no longer answered.",
          "Förfrågan {0} har passerat sin svarstid: den besvaras inte längre.", request);
    }
    if (accept && accepted >= quantity) {
      throw ProblemException.conflict(
          "The need {0} is already filled ({1} of {2} accepted): cancel the request {3} instead.",
          "Behovet {0} är redan tillsatt ({1} av {2} har tackat ja): avbryt förfrågan {3} i"
              + " stället.",
          need,
          String.valueOf(accepted),
          String.valueOf(quantity),
          request);
    }
  }

  /** Only a musician who accepted is withdrawn. */
  public static void withdrawable(String request, String status) {
    if (!RequestStatus.ACCEPTED.equals(status)) {
      throw ProblemException.conflict(
          "The request {0} is {1}: only an accepted musician is withdrawn.",
          "Förfrågan {0} är {1}: bara en musiker som tackat ja kan dras tillbaka.",
          request,
          status);
    }
  }

  /** Only a pending request is cancelled. */
  public static void cancellable(String request, String status) {
    pending(request, status, "cancelled", "avbryts");
  }

  /** Only a pending request whose link still answers is sent again. */
  public static void resendable(String request, String status, boolean expired) {
    pending(request, status, "sent again", "skickas igen");
    if (expired) {
      throw ProblemException.conflict(
          "The request {0} is past its deadline: its link no longer answers and is not sent again.",
          "Förfrågan {0} har passerat sin svarstid: länken gäller inte längre och skickas inte"
              + " igen.",
          request);
    }
  }

  /**
   * Whether a withdrawal reopens the need: a completed need whose accepted musicians no longer
   * cover the quantity asks again. A paused or archived need keeps its status (a paused one asks
   * again when resumed; an archived one never).
   *
   * @param acceptedAfter the need's accepted requests after the withdrawal
   */
  public static boolean reopens(NeedStatus status, int quantity, int acceptedAfter) {
    return status == NeedStatus.COMPLETED && acceptedAfter < quantity;
  }

  /** A cancelled project closes its active and paused needs (archived: nothing more is sent). */
  public static boolean closedWithProject(NeedStatus status) {
    return status == NeedStatus.ACTIVE || status == NeedStatus.PAUSED;
  }

  /**
   * A project is cancelled while it has something open: an active or paused need, or a pending
   * request. Cancelling it again is a 409, with nothing written.
   */
  public static void projectCancellable(String project, int openNeeds, int pendingRequests) {
    if (openNeeds == 0 && pendingRequests == 0) {
      throw ProblemException.conflict(
          "The project {0} has nothing to cancel: no need is active or paused and no request is"
              + " pending.",
          "Projektet {0} har inget att avbryta: inget behov är aktivt eller pausat och ingen"
              + " förfrågan väntar på svar.",
          project);
    }
  }

  /**
   * Whether a need that becomes active again sends what waited while it was paused: one that has
   * requests runs the selection again (the replacements its declines and timeouts were owed); one
   * never sent waits for the admin's send, as before it was paused.
   */
  public static boolean resumeSends(NeedStatus before, NeedStatus after, long requests) {
    return before == NeedStatus.PAUSED && after == NeedStatus.ACTIVE && requests > 0;
  }

  /** A note is optional and at most {@link #MAX_NOTE} characters. */
  public static String note(String note) {
    if (note == null || note.isBlank()) {
      return null;
    }
    if (note.length() > MAX_NOTE) {
      throw ProblemException.badRequest(
          "note is at most {0} characters.",
          "note får vara högst {0} tecken.", String.valueOf(MAX_NOTE));
    }
    return note.strip();
  }

  private static void pending(String request, String status, String english, String swedish) {
    if (!RequestStatus.PENDING.equals(status)) {
      throw ProblemException.conflict(
          "The request {0} is {1}: only a pending request is " + english + ".",
          "Förfrågan {0} är {1}: bara en väntande förfrågan " + swedish + ".",
          request,
          status);
    }
  }
}
