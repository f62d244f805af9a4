package org.ripieno.orchestra.staffing.control;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** A need's requests by status. */
public record RequestCounts(int pending, int accepted, int declined, int timedOut, int cancelled) {

  public static final RequestCounts NONE = new RequestCounts(0, 0, 0, 0, 0);

  public static RequestCounts of(Collection<String> statuses) {
    RequestCounts counts = NONE;
    for (String status : statuses) {
      counts = counts.plus(status, 1);
    }
    return counts;
  }

  /** The counts of each need that has requests. */
  public static Map<Integer, RequestCounts> byNeed(Collection<RequestRow> requests) {
    Map<Integer, RequestCounts> counts = new HashMap<>();
    for (RequestRow request : requests) {
      counts.merge(
          request.needId(), NONE.plus(request.status(), 1), (a, b) -> a.plus(request.status(), 1));
    }
    return counts;
  }

  /** These counts with {@code n} more requests of the status; unknown statuses are ignored. */
  public RequestCounts plus(String status, int n) {
    return switch (status) {
      case RequestStatus.PENDING ->
          new RequestCounts(pending + n, accepted, declined, timedOut, cancelled);
      case RequestStatus.ACCEPTED ->
          new RequestCounts(pending, accepted + n, declined, timedOut, cancelled);
      case RequestStatus.DECLINED ->
          new RequestCounts(pending, accepted, declined + n, timedOut, cancelled);
      case RequestStatus.TIMED_OUT ->
          new RequestCounts(pending, accepted, declined, timedOut + n, cancelled);
      case RequestStatus.CANCELLED ->
          new RequestCounts(pending, accepted, declined, timedOut, cancelled + n);
      default -> this;
    };
  }

  public int total() {
    return pending + accepted + declined + timedOut + cancelled;
  }
}
