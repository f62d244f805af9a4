package org.ripieno.datasafety.verify.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.ripieno.central.fleet.control.OrchestraProbe;
import org.ripieno.datasafety.JsonDocuments.InvalidDocumentException;

/**
 * Row counts of orchestras at one moment, kept in a file, so a later verification can say whether
 * data was lost: a count that dropped (by more than the allowed share, or to zero) fails, and so
 * does an orchestra of the baseline that is no longer there.
 */
public record Baseline(Instant takenAt, Map<String, Entry> orchestras) {

  public static final String KIND = "ripieno-verify-baseline";
  public static final int FORMAT_VERSION = 1;

  public record Entry(String orchestraId, OrchestraProbe.Counts counts) {}

  public Baseline {
    orchestras = java.util.Collections.unmodifiableMap(new TreeMap<>(orchestras));
  }

  /** The counts of every probe that has them. */
  public static Baseline of(Collection<OrchestraProbe.Probe> probes, Instant now) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (OrchestraProbe.Probe probe : probes) {
      if (probe.counts() != null) {
        entries.put(probe.subdomain(), new Entry(probe.orchestraId(), probe.counts()));
      }
    }
    return new Baseline(now, entries);
  }

  /**
   * What dropped since the baseline, one sentence per finding; empty when nothing did.
   *
   * @param checked the subdomains verified now (a baseline orchestra outside them is not compared)
   * @param maxDropPercent how far a count may fall without failing (0: not at all); a fall to zero
   *     always fails
   */
  public List<String> drops(
      Map<String, OrchestraProbe.Counts> now, Set<String> checked, double maxDropPercent) {
    List<String> findings = new ArrayList<>();
    orchestras.forEach(
        (subdomain, before) -> {
          if (!checked.contains(subdomain)) {
            return;
          }
          OrchestraProbe.Counts after = now.get(subdomain);
          if (after == null) {
            findings.add(subdomain + ": in the baseline, but its counts cannot be read now");
            return;
          }
          compare(
              subdomain,
              "musicians",
              before.counts().musicians(),
              after.musicians(),
              maxDropPercent,
              findings);
          compare(
              subdomain,
              "projects",
              before.counts().projects(),
              after.projects(),
              maxDropPercent,
              findings);
          compare(
              subdomain,
              "requests",
              before.counts().requests(),
              after.requests(),
              maxDropPercent,
              findings);
        });
    return findings;
  }

  /** Orchestras of the baseline that the registry no longer lists at all. */
  public List<String> vanished(Set<String> registered) {
    return orchestras.keySet().stream()
        .filter(subdomain -> !registered.contains(subdomain))
        .map(subdomain -> subdomain + ": in the baseline, but no longer registered")
        .collect(Collectors.toList());
  }

  private static void compare(
      String subdomain,
      String what,
      long before,
      long after,
      double maxDropPercent,
      List<String> findings) {
    if (after >= before) {
      return;
    }
    double dropPercent = 100.0 * (before - after) / before;
    if (after == 0 || dropPercent > maxDropPercent) {
      findings.add(
          subdomain
              + ": "
              + what
              + " dropped from "
              + before
              + " to "
              + after
              + String.format(java.util.Locale.ROOT, " (-%.1f%%)", dropPercent));
    }
  }

  public JsonObject toJson() {
    JsonObjectBuilder entries = Json.createObjectBuilder();
    orchestras.forEach(
        (subdomain, entry) ->
            entries.add(
                subdomain,
                Json.createObjectBuilder()
                    .add("orchestraId", entry.orchestraId())
                    .add("counts", countsJson(entry.counts()))));
    return Json.createObjectBuilder()
        .add("kind", KIND)
        .add("formatVersion", FORMAT_VERSION)
        .add("takenAt", takenAt.toString())
        .add("orchestras", entries)
        .build();
  }

  public static JsonObject countsJson(OrchestraProbe.Counts counts) {
    return Json.createObjectBuilder()
        .add("musicians", counts.musicians())
        .add("projects", counts.projects())
        .add("requests", counts.requests())
        .build();
  }

  public static Baseline fromJson(JsonObject json) {
    if (!KIND.equals(json.getString("kind", null))) {
      throw new InvalidDocumentException("The file is not a baseline written by ripieno-admin");
    }
    Map<String, Entry> entries = new LinkedHashMap<>();
    JsonObject orchestras = json.getJsonObject("orchestras");
    for (String subdomain : orchestras.keySet()) {
      JsonObject entry = orchestras.getJsonObject(subdomain);
      JsonObject counts = entry.getJsonObject("counts");
      entries.put(
          subdomain,
          new Entry(
              entry.getString("orchestraId"),
              new OrchestraProbe.Counts(
                  counts.getJsonNumber("musicians").longValue(),
                  counts.getJsonNumber("projects").longValue(),
                  counts.getJsonNumber("requests").longValue())));
    }
    return new Baseline(Instant.parse(json.getString("takenAt")), entries);
  }
}
