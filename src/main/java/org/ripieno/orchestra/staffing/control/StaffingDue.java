package org.ripieno.orchestra.staffing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ripieno.tenancy.OrchestraData;

/** When the current orchestra next has staffing work ({@link DueRules}), read from its database. */
@ApplicationScoped
public class StaffingDue {

  @Inject @OrchestraData EntityManager orchestra;
  @Inject StaffingTimers timers;

  /**
   * @param slotsAhead the channels whose next send slot is ahead (a run stopped for it), and when
   *     it is free: their messages are due then, not before
   */
  public Optional<Instant> next(Map<String, Instant> slotsAhead) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        orchestra
            .createNativeQuery(
                "SELECT r.\"sentAt\", n.\"responseTimeHours\", r.\"reminderSentAt\" IS NOT NULL"
                    + " FROM \"Request\" r JOIN \"ProjectNeed\" n ON n.id = r.\"projectNeedId\""
                    + " WHERE r.status = 'pending'")
            .getResultList();
    List<DueRules.PendingRequest> pending =
        rows.stream()
            .map(
                row ->
                    new DueRules.PendingRequest(
                        utc(row[0]),
                        row[1] == null ? null : ((Number) row[1]).intValue(),
                        Boolean.TRUE.equals(row[2])))
            .toList();
    @SuppressWarnings("unchecked")
    List<Object[]> messages =
        orchestra
            .createNativeQuery(
                "SELECT channel, min(\"nextAttemptAt\") FROM \"OutboxMessage\""
                    + " WHERE status IN ('queued', 'sending') GROUP BY channel")
            .getResultList();
    Map<String, Instant> earliestByChannel = new HashMap<>();
    for (Object[] row : messages) {
      if (row[1] != null) {
        earliestByChannel.put(String.valueOf(row[0]), utc(row[1]));
      }
    }
    return DueRules.next(
        pending,
        DueRules.nextMessageAt(earliestByChannel, slotsAhead),
        timers.reminderPercentage());
  }

  /** Timestamps without time zone hold UTC here. */
  private static Instant utc(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof java.sql.Timestamp timestamp) {
      return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
    return ((LocalDateTime) value).toInstant(ZoneOffset.UTC);
  }
}
