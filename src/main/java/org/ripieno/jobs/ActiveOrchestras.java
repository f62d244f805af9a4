package org.ripieno.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.ripieno.central.orchestras.entity.Orchestra;
import org.ripieno.mail.OrchestraMail;
import org.ripieno.sms.SmsSettings;
import org.ripieno.tenancy.CentralData;
import org.ripieno.tenancy.OrchestraRoute;
import org.ripieno.tenancy.OrchestraRoutes;
import org.ripieno.tenancy.OrchestraUnavailableException;

/**
 * The orchestras jobs run for: active ones only (a suspended or inactive orchestra gets no jobs and
 * no delivery; its messages stay queued), read fresh from central at every pass in one query.
 */
@ApplicationScoped
public class ActiveOrchestras {

  @Inject @CentralData EntityManager central;
  @Inject OrchestraRoutes routes;

  /**
   * One orchestra to run for.
   *
   * @param route null when no route can be built ({@code unavailable} says why)
   * @param name signs default mail texts
   * @param mail its own mail settings (which server and sender its mails go through)
   * @param sms its SMS account and toggles
   */
  public record Entry(
      String id,
      String subdomain,
      String name,
      OrchestraRoute route,
      String unavailable,
      OrchestraMail mail,
      SmsSettings sms) {}

  /** The active orchestras whose work is due by {@code now}, the longest waiting first. */
  @ActivateRequestContext
  public List<Entry> due(Instant now) {
    @SuppressWarnings("unchecked")
    List<Orchestra> due =
        central
            .createNativeQuery(
                "SELECT * FROM \"Orchestra\" WHERE status = 'active' AND \"jobsDueAt\" <= ?"
                    + " ORDER BY \"jobsDueAt\"",
                Orchestra.class)
            .setParameter(1, LocalDateTime.ofInstant(now, ZoneOffset.UTC))
            .getResultList();
    return due.stream().map(this::entry).toList();
  }

  /**
   * The orchestra, if it is still active: for running it again between passes with its row as it is
   * now. Runs in a request context of its own.
   */
  @ActivateRequestContext
  public Optional<Entry> active(String id) {
    return central
        .createQuery(
            "SELECT o FROM Orchestra o WHERE o.id = :id AND o.status = 'active'", Orchestra.class)
        .setParameter("id", id)
        .getResultStream()
        .findFirst()
        .map(this::entry);
  }

  /** Every active orchestra, for the full sweep. Runs in a request context of its own. */
  @ActivateRequestContext
  public List<Entry> all() {
    return central
        .createQuery(
            "SELECT o FROM Orchestra o WHERE o.status = 'active' ORDER BY o.id", Orchestra.class)
        .getResultList()
        .stream()
        .map(this::entry)
        .toList();
  }

  private Entry entry(Orchestra orchestra) {
    try {
      return new Entry(
          orchestra.getId(),
          orchestra.getSubdomain(),
          orchestra.getName(),
          routes.routeTo(orchestra),
          null,
          orchestra.mail(),
          orchestra.sms());
    } catch (OrchestraUnavailableException e) {
      return new Entry(
          orchestra.getId(),
          orchestra.getSubdomain(),
          orchestra.getName(),
          null,
          e.getMessage(),
          orchestra.mail(),
          orchestra.sms());
    }
  }
}
