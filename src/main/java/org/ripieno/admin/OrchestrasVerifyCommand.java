package org.ripieno.admin;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.ripieno.central.fleet.control.OrchestraProbe;
import org.ripieno.central.orchestras.control.RegisteredOrchestra;
import org.ripieno.datasafety.JsonDocuments;
import org.ripieno.datasafety.verify.control.Baseline;
import org.ripieno.tenancy.OrchestraRoute;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code orchestras verify}: for each orchestra, whether its database can be reached, carries its
 * identity marker and is at the code's schema version, and its counts of musicians, projects and
 * requests; with a baseline, whether a count dropped. Reads only; exit 1 when any check fails.
 */
@Command(
    name = "verify",
    description =
        "Check each orchestra's database: reachable, its identity marker, schema version, counts of"
            + " musicians, projects and requests; with --baseline, fail when a count dropped.")
final class OrchestrasVerifyCommand extends AdminCommand {

  @Option(names = "--all", description = "Every orchestra that is not deleted (the default).")
  boolean all;

  @Parameters(paramLabel = "SUB", arity = "0..*", description = "Orchestras by subdomain.")
  List<String> subdomains = new ArrayList<>();

  @ArgGroup(exclusive = true)
  BaselineFile baseline;

  static final class BaselineFile {
    @Option(
        names = "--baseline",
        paramLabel = "FILE",
        required = true,
        description = "Compare the counts with this baseline; a drop fails.")
    Path compareWith;

    @Option(
        names = "--write-baseline",
        paramLabel = "FILE",
        required = true,
        description = "Write the counts to this file (only when every check passes).")
    Path writeTo;
  }

  @Option(
      names = "--max-drop",
      paramLabel = "PERCENT",
      defaultValue = "0",
      description =
          "With --baseline: how far a count may fall without failing (default 0; a fall to 0 always"
              + " fails).")
  double maxDropPercent;

  @Override
  protected int execute(AdminSession session) {
    if (all && !subdomains.isEmpty()) {
      throw AdminFailure.cannotRun("Name orchestras or verify --all, not both");
    }
    Baseline previous = null;
    if (baseline != null && baseline.compareWith != null) {
      try {
        previous = Baseline.fromJson(JsonDocuments.readObject(baseline.compareWith));
      } catch (RuntimeException e) {
        throw AdminFailure.cannotRun(
            "Cannot read the baseline " + baseline.compareWith + ": " + e.getMessage());
      }
    }
    Output out = session.output();
    session.targetCentral();
    List<RegisteredOrchestra> registry = session.registry();
    List<RegisteredOrchestra> selected = new ArrayList<>();
    if (subdomains.isEmpty()) {
      selected.addAll(registry);
    } else {
      subdomains.forEach(subdomain -> selected.add(session.orchestra(subdomain)));
    }
    OrchestraProbe probe = session.probe();
    List<OrchestraProbe.Probe> probes = new ArrayList<>();
    JsonArrayBuilder results = Json.createArrayBuilder();
    for (RegisteredOrchestra entry : selected) {
      OrchestraProbe.Probe found = verify(session, probe, entry);
      probes.add(found);
      results.add(toJson(entry, found));
      out.line(describe(found));
    }
    out.put("orchestras", results.build());
    List<String> failures =
        probes.stream()
            .filter(p -> !p.healthy())
            .map(p -> p.subdomain() + ": " + p.error())
            .collect(Collectors.toCollection(ArrayList::new));
    if (previous != null) {
      Map<String, OrchestraProbe.Counts> counts = new LinkedHashMap<>();
      probes.stream()
          .filter(p -> p.counts() != null)
          .forEach(p -> counts.put(p.subdomain(), p.counts()));
      Set<String> checked =
          probes.stream().map(OrchestraProbe.Probe::subdomain).collect(Collectors.toSet());
      List<String> drops = new ArrayList<>(previous.drops(counts, checked, maxDropPercent));
      if (subdomains.isEmpty()) {
        drops.addAll(
            previous.vanished(
                registry.stream().map(RegisteredOrchestra::subdomain).collect(Collectors.toSet())));
      }
      drops.forEach(drop -> out.line("baseline: " + drop));
      if (drops.isEmpty()) {
        out.line("baseline of " + previous.takenAt() + ": no count dropped");
      }
      JsonArrayBuilder dropArray = Json.createArrayBuilder();
      drops.forEach(dropArray::add);
      out.put("baselineDrops", dropArray.build());
      failures.addAll(drops);
    }
    if (baseline != null && baseline.writeTo != null) {
      if (failures.isEmpty()) {
        JsonDocuments.writeDurably(Baseline.of(probes, Instant.now()).toJson(), baseline.writeTo);
        out.line("baseline written to " + baseline.writeTo);
        out.put("baselineWritten", baseline.writeTo.toString());
      } else {
        out.line("baseline not written: checks failed");
      }
    }
    JsonArrayBuilder failureArray = Json.createArrayBuilder();
    failures.forEach(failureArray::add);
    out.put("failures", failureArray.build());
    if (failures.isEmpty()) {
      out.line("all " + probes.size() + " orchestras verified");
      return ExitCode.OK;
    }
    out.line("FAILED: " + failures.size() + " finding(s)");
    return ExitCode.CHECK_FAILED;
  }

  /** Prints the target line, then probes (reads only). */
  private static OrchestraProbe.Probe verify(
      AdminSession session, OrchestraProbe probe, RegisteredOrchestra entry) {
    if (!entry.hasDatabase()) {
      session
          .output()
          .target("orchestra " + entry.subdomain() + " (id " + entry.id() + "), no database");
      return OrchestraProbe.unreachable(
          entry.id(), entry.subdomain(), null, "No database is registered");
    }
    OrchestraRoute route;
    try {
      route = session.route(entry);
    } catch (AdminFailure unroutable) {
      session
          .output()
          .target("orchestra " + entry.subdomain() + " (id " + entry.id() + "), no route");
      return OrchestraProbe.unreachable(
          entry.id(), entry.subdomain(), entry.databaseAddress(), unroutable.getMessage());
    }
    session.output().target(AdminSession.orchestraLine(entry, route, "status " + entry.status()));
    return probe.probe(route);
  }

  private static JsonObject toJson(RegisteredOrchestra entry, OrchestraProbe.Probe probe) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("subdomain", probe.subdomain())
            .add("orchestraId", probe.orchestraId())
            .add("status", entry.status())
            .add("ok", probe.healthy())
            .add("reachable", probe.reachable());
    if (probe.database() != null) {
      json.add("database", probe.database());
    }
    if (probe.markerMatches() != null) {
      json.add("markerMatches", probe.markerMatches());
    }
    if (probe.version() != null) {
      json.add("schemaVersion", String.valueOf(probe.version().current()));
      json.add("expectedSchemaVersion", probe.version().expected());
    }
    if (probe.counts() != null) {
      json.add("counts", Baseline.countsJson(probe.counts()));
    }
    if (probe.error() != null) {
      json.add("problem", probe.error());
    }
    return json.build();
  }

  private static String describe(OrchestraProbe.Probe probe) {
    if (!probe.healthy()) {
      return "orchestra " + probe.subdomain() + ": FAILED, " + probe.error();
    }
    OrchestraProbe.Counts counts = probe.counts();
    return "orchestra "
        + probe.subdomain()
        + ": OK, its own marker, schema version "
        + probe.version().current()
        + (counts == null
            ? ""
            : ", "
                + counts.musicians()
                + " musicians, "
                + counts.projects()
                + " projects, "
                + counts.requests()
                + " requests");
  }
}
