package org.ripieno.orchestra.settings.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.ripieno.orchestra.audit.control.AuditTrail;
import org.ripieno.orchestra.seed.control.CanonicalSeed;
import org.ripieno.orchestra.settings.entity.Settings;
import org.ripieno.tenancy.OrchestraData;
import org.ripieno.tenancy.OrchestraTransactional;
import org.ripieno.web.ProblemException;

/**
 * The current orchestra's settings: every stored key, with the defaults of the known keys filled in
 * when absent. A change of several keys is one change (one audit row).
 */
@ApplicationScoped
public class OrchestraSettings {

  /** The settings as a whole have no row of their own; the audit row names this id. */
  static final int ALL_SETTINGS = 0;

  @Inject @OrchestraData EntityManager orchestra;
  @Inject AuditTrail audit;

  public Map<String, String> all() {
    Map<String, String> values = new TreeMap<>();
    for (String key : SettingsRules.KEYS) {
      values.put(key, SettingsRules.defaultValue(key));
    }
    for (Settings row :
        orchestra.createNamedQuery("Settings.all", Settings.class).getResultList()) {
      values.put(row.getKey(), row.getValue());
    }
    return values;
  }

  /** The orchestra's time zone (Europe/Stockholm unless set). */
  public ZoneId timeZone() {
    return SettingsRules.timeZone(
        orchestra
            .createNamedQuery("Settings.byKey", Settings.class)
            .setParameter("key", CanonicalSeed.TIME_ZONE)
            .getResultStream()
            .findFirst()
            .map(row -> Map.of(row.getKey(), row.getValue()))
            .orElse(Map.of()));
  }

  @OrchestraTransactional
  public Map<String, String> update(Map<String, Object> changes) {
    if (changes == null || changes.isEmpty()) {
      throw ProblemException.badRequest(
          "Give at least one of the settings {0}.",
          "Ange minst en av inställningarna {0}.", String.join(", ", SettingsRules.KEYS));
    }
    Map<String, String> checked = new LinkedHashMap<>();
    changes.forEach((key, value) -> checked.put(key, SettingsRules.checked(key, value)));
    Map<String, String> before = all();
    boolean changed = false;
    for (Map.Entry<String, String> change : checked.entrySet()) {
      Settings row =
          orchestra
              .createNamedQuery("Settings.byKey", Settings.class)
              .setParameter("key", change.getKey())
              .getResultStream()
              .findFirst()
              .orElse(null);
      if (row == null) {
        row = new Settings();
        row.setKey(change.getKey());
        row.setValue(change.getValue());
        row.setDescription(SettingsRules.description(change.getKey()));
        orchestra.persist(row);
        changed = true;
      } else if (!row.getValue().equals(change.getValue())) {
        row.setValue(change.getValue());
        changed = true;
      }
    }
    orchestra.flush();
    Map<String, String> after = all();
    if (changed) {
      audit.record(AuditTrail.Action.UPDATE, "Settings", ALL_SETTINGS, before, after);
    }
    return after;
  }
}
