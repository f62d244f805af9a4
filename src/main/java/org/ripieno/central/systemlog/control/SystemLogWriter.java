package org.ripieno.central.systemlog.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import java.util.Map;
import org.ripieno.central.systemlog.entity.SystemLog;
import org.ripieno.tenancy.CentralData;
import org.ripieno.tenancy.CentralTransactional;

/**
 * Writes platform and tenant events to the central {@code SystemLog}. Tenant events carry their
 * orchestra. Callers pass facts only: never a password, token or secret.
 */
@ApplicationScoped
public class SystemLogWriter {

  @Inject @CentralData EntityManager central;

  /** One event: who, from where, what, in which orchestra. */
  public record Event(
      String level,
      String category,
      String message,
      String userId,
      String orchestraId,
      String subdomain,
      String ip,
      Map<String, String> metadata) {}

  @CentralTransactional
  public void write(Event event) {
    SystemLog entry = new SystemLog();
    entry.setLevel(event.level());
    entry.setCategory(event.category());
    entry.setMessage(event.message());
    entry.setUserId(event.userId());
    entry.setOrchestraId(event.orchestraId());
    entry.setSubdomain(event.subdomain());
    entry.setIp(event.ip());
    if (event.metadata() != null && !event.metadata().isEmpty()) {
      JsonObjectBuilder json = Json.createObjectBuilder();
      event.metadata().forEach((key, value) -> json.add(key, value == null ? "" : value));
      entry.setMetadata(json.build().toString());
    }
    central.persist(entry);
  }
}
