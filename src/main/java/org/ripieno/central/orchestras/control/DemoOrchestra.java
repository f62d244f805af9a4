package org.ripieno.central.orchestras.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.ripieno.central.orchestras.boundary.OrchestraInput;
import org.ripieno.central.orchestras.entity.Orchestra;
import org.ripieno.central.orchestras.entity.ProvisioningState;
import org.ripieno.config.OwnerOnlyFiles;
import org.ripieno.config.RipienoSettings;
import org.ripieno.orchestra.instruments.boundary.PositionView;
import org.ripieno.orchestra.instruments.control.Instruments;
import org.ripieno.orchestra.musicians.boundary.MusicianInput;
import org.ripieno.orchestra.musicians.control.MusicianFilter;
import org.ripieno.orchestra.musicians.control.Musicians;
import org.ripieno.orchestra.projects.boundary.ProjectInput;
import org.ripieno.orchestra.projects.control.Projects;
import org.ripieno.orchestra.rankings.boundary.RankingOverview;
import org.ripieno.orchestra.rankings.control.RankingLists;
import org.ripieno.security.Caller;
import org.ripieno.security.Role;
import org.ripieno.tenancy.OrchestraJobs;
import org.ripieno.tenancy.OrchestraRoutes;

/**
 * The demo orchestra ({@code ripieno.demo=true}): provisioned once like any other, then given about
 * forty musicians across the instruments, filled ranking lists and an upcoming project, so that a
 * newcomer has a working orchestra to explore. Its first admin's generated password is written to
 * {@value #PASSWORD_FILE} in the data directory (owner-only), like the superadmin's.
 */
@ApplicationScoped
public class DemoOrchestra {

  static final String SUBDOMAIN = "demo";
  static final String PASSWORD_FILE = "demo-admin-password.txt";
  private static final int MUSICIANS = 40;
  private static final Logger LOG = Logger.getLogger(DemoOrchestra.class.getName());
  private static final Caller PLATFORM =
      new Caller(null, "ripieno", Role.SUPERADMIN, null, null, false);

  private static final List<String> FIRST_NAMES =
      List.of(
          "Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Sara", "Anders", "Emma", "Per",
          "Ingrid", "Nils", "Elin", "Olof", "Sofia", "Gustav", "Linnea", "Henrik", "Maja", "Oskar");
  private static final List<String> LAST_NAMES =
      List.of(
          "Andersson",
          "Berg",
          "Lindqvist",
          "Holm",
          "Sjöberg",
          "Nyström",
          "Ek",
          "Lund",
          "Wallin",
          "Strand",
          "Forsberg",
          "Åkesson",
          "Dahl",
          "Hedlund",
          "Blom",
          "Sandberg",
          "Lindgren",
          "Falk",
          "Norén",
          "Vik",
          "Ström");

  @Inject Orchestras orchestras;
  @Inject OrchestraRoutes routes;
  @Inject OrchestraJobs jobs;
  @Inject Musicians musicians;
  @Inject Instruments instruments;
  @Inject RankingLists rankingLists;
  @Inject Projects projects;
  @Inject RipienoSettings settings;
  @Inject Instance<RequestContextController> contexts;

  /** Creates, provisions and fills the demo orchestra unless it exists already. */
  void ensure(OrchestraProvisioner provisioner) {
    Optional<Orchestra> existing = inRequest(() -> routes.bySubdomain(SUBDOMAIN));
    String id;
    if (existing.isEmpty()) {
      Orchestras.Creation created =
          inRequest(
              () ->
                  orchestras.createDemo(
                      new OrchestraInput(
                          "Demo-orkestern",
                          SUBDOMAIN,
                          "Demo",
                          "demo-admin@example.org",
                          "medium",
                          null,
                          null,
                          null,
                          null,
                          null),
                      PLATFORM));
      Path file = settings.dataDir().resolve(PASSWORD_FILE);
      OwnerOnlyFiles.replace(file, created.adminUsername() + "\n" + created.adminPassword() + "\n");
      LOG.info(
          "Demo orchestra created; its admin "
              + created.adminUsername()
              + " has the password in "
              + file.toAbsolutePath());
      id = created.orchestra().id();
    } else if (existing.get().isDeleted()) {
      LOG.info("The demo orchestra was removed; it is not provisioned again");
      return;
    } else {
      id = existing.get().getId();
    }
    Provisioning.Outcome outcome = provisioner.runNow(id);
    if (outcome.state() == ProvisioningState.FAILED) {
      LOG.severe("The demo orchestra could not be provisioned: " + outcome.error());
      return;
    }
    if (outcome.state() != ProvisioningState.ACTIVE) {
      // Central out of reach, or a run elsewhere holds it: the start-up pass tries again.
      throw new IllegalStateException(
          "The demo orchestra is not provisioned yet (" + outcome.state() + ")");
    }
    Orchestra demo = inRequest(() -> routes.byId(id).orElseThrow());
    jobs.runAs(routes.routeTo(demo), this::fillIfEmpty);
  }

  /**
   * The upcoming project is written last, so it tells a filled demo from one whose filling stopped
   * half-way (which is then finished, not doubled).
   */
  private void fillIfEmpty() {
    if (projects.list(null, 1, 1).total() > 0) {
      return;
    }
    List<PositionView> positions = instruments.positions();
    List<Integer> created = new ArrayList<>();
    boolean fresh =
        musicians.list(MusicianFilter.of(null, null, null, "all", null), 1, 1).total() == 0;
    int count = fresh ? MUSICIANS : 0;
    for (int i = 0; i < count; i++) {
      PositionView position = positions.get(i % positions.size());
      String first = FIRST_NAMES.get(i % FIRST_NAMES.size());
      String last = LAST_NAMES.get((i * 7) % LAST_NAMES.size());
      created.add(
          musicians
              .create(
                  new MusicianInput(
                      first,
                      last,
                      (first + "." + last + "." + (i + 1) + "@demo.example.org")
                          .toLowerCase(java.util.Locale.ROOT)
                          .replace('å', 'a')
                          .replace('ä', 'a')
                          .replace('ö', 'o'),
                      "+4670" + String.format("%07d", 1_000_000 + i * 1371),
                      i % 5 == 0 ? "en" : "sv",
                      i % 3 != 0,
                      null,
                      null,
                      List.of(position.id())))
              .id());
    }
    // Everyone on the A list of their position, every second one also on the B list.
    RankingOverview overview = rankingLists.overview();
    for (int i = 0; i < created.size(); i++) {
      PositionView position = positions.get(i % positions.size());
      for (RankingOverview.InstrumentLists instrument : overview.instruments()) {
        for (RankingOverview.PositionLists lists : instrument.positions()) {
          if (!lists.id().equals(position.id())) {
            continue;
          }
          for (RankingOverview.ListSummary list : lists.rankingLists()) {
            if ("A".equals(list.listType()) || ("B".equals(list.listType()) && i % 2 == 0)) {
              rankingLists.add(list.id(), created.get(i));
            }
          }
        }
      }
    }
    LocalDate concert = LocalDate.now(ZoneOffset.UTC).plusWeeks(6);
    projects.create(
        new ProjectInput(
            "Vårkonsert: Sibelius och Stenhammar",
            concert.toString(),
            null,
            "Repetitioner måndag till onsdag 10-15",
            "Konsert torsdag 19.00 i Konserthuset",
            "Demoprojekt"));
  }

  private <T> T inRequest(Supplier<T> work) {
    RequestContextController context = contexts.get();
    context.activate();
    try {
      return work.get();
    } finally {
      context.deactivate();
      contexts.destroy(context);
    }
  }
}
