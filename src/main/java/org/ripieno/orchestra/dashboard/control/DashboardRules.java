package org.ripieno.orchestra.dashboard.control;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The dashboard's arithmetic, apart from the queries that feed it. */
public final class DashboardRules {

  /** Weeks in the answers chart: this one and the eleven before. */
  public static final int WEEKS = 12;

  /** One musician's answer, when it came and what it was. */
  public record Answer(Instant at, boolean accepted) {}

  /**
   * One week of the chart.
   *
   * @param week ISO week, {@code 2026-W49}
   * @param startsOn its Monday in the orchestra's time zone
   */
  public record WeekAnswers(String week, LocalDate startsOn, int accepted, int declined) {}

  private DashboardRules() {}

  /**
   * The legacy response rate: of the requests sent in the last 30 days, the share no longer
   * pending, in whole percent; 0 when none was sent.
   */
  public static int responseRate(long sent, long noLongerPending) {
    if (sent <= 0) {
      return 0;
    }
    return (int) Math.round(100.0 * Math.min(noLongerPending, sent) / sent);
  }

  /** The Monday that starts the first week of the chart. */
  public static LocalDate firstMonday(Instant now, ZoneId zone) {
    return now.atZone(zone)
        .toLocalDate()
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
        .minusWeeks(WEEKS - 1L);
  }

  /** The answers counted per ISO week, oldest first, twelve weeks up to this one, gaps as 0. */
  public static List<WeekAnswers> answersPerWeek(Instant now, ZoneId zone, List<Answer> answers) {
    LocalDate first = firstMonday(now, zone);
    Map<LocalDate, int[]> weeks = new LinkedHashMap<>();
    for (int i = 0; i < WEEKS; i++) {
      weeks.put(first.plusWeeks(i), new int[2]);
    }
    for (Answer answer : answers) {
      if (answer.at() == null) {
        continue;
      }
      LocalDate monday =
          answer
              .at()
              .atZone(zone)
              .toLocalDate()
              .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      int[] counts = weeks.get(monday);
      if (counts != null) {
        counts[answer.accepted() ? 0 : 1]++;
      }
    }
    List<WeekAnswers> result = new ArrayList<>();
    weeks.forEach(
        (monday, counts) ->
            result.add(
                new WeekAnswers(
                    String.format(
                        "%d-W%02d",
                        monday.get(IsoFields.WEEK_BASED_YEAR),
                        monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)),
                    monday,
                    counts[0],
                    counts[1])));
    return result;
  }

  /** What one communication log entry says, in Swedish as the legacy feed, or in English. */
  public static String describe(
      String type, String musician, String position, String project, String answer, boolean sv) {
    String where = position + (sv ? " i " : " in ") + project;
    return switch (type) {
      case "request_sent" ->
          sv
              ? "Förfrågan skickad till " + musician + " för " + where
              : "Request sent to " + musician + " for " + where;
      case "reminder_sent" ->
          sv
              ? "Påminnelse skickad till " + musician + " för " + where
              : "Reminder sent to " + musician + " for " + where;
      case "response_received", "response_recorded" ->
          "accepted".equals(answer)
              ? (sv ? musician + " accepterade " + where : musician + " accepted " + where)
              : (sv ? musician + " avböjde " + where : musician + " declined " + where);
      case "confirmation_sent" ->
          sv
              ? "Bekräftelse skickad till " + musician + " för " + where
              : "Confirmation sent to " + musician + " for " + where;
      case "position_filled_sent", "position_filled", "position_filled_notification" ->
          sv
              ? "Position fylld: " + musician + " meddelad om " + where
              : "Position filled: " + musician + " told about " + where;
      case "request_withdrawn" ->
          sv ? musician + " togs bort från " + where : musician + " was withdrawn from " + where;
      case "request_cancelled" ->
          sv
              ? "Förfrågan till " + musician + " för " + where + " avbröts"
              : "Request to " + musician + " for " + where + " cancelled";
      case "request_resent" ->
          sv
              ? "Förfrågan skickad igen till " + musician + " för " + where
              : "Request sent again to " + musician + " for " + where;
      case "cancellation_sent" ->
          sv
              ? musician + " meddelad att förfrågan för " + where + " avbröts"
              : musician + " told that the request for " + where + " was cancelled";
      default -> type + ": " + musician + ", " + where;
    };
  }
}
