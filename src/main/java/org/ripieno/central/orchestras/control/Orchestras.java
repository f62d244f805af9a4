package org.ripieno.central.orchestras.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.ripieno.central.orchestras.boundary.OrchestraInput;
import org.ripieno.central.orchestras.boundary.OrchestraView;
import org.ripieno.central.orchestras.entity.Orchestra;
import org.ripieno.central.orchestras.entity.ProvisioningState;
import org.ripieno.central.systemlog.control.SystemLogWriter;
import org.ripieno.central.users.entity.User;
import org.ripieno.config.RipienoSettings;
import org.ripieno.security.Caller;
import org.ripieno.security.Role;
import org.ripieno.security.control.ChangesAccounts;
import org.ripieno.security.passwords.Passwords;
import org.ripieno.tenancy.CentralData;
import org.ripieno.tenancy.CentralTransactional;
import org.ripieno.web.Page;
import org.ripieno.web.ProblemException;

/** The platform's orchestra register: create (then provision), read, change metadata and status. */
@ApplicationScoped
public class Orchestras {

  static final Set<String> PLANS = Set.of("small", "medium", "enterprise");

  /** The statuses a superadmin sets; {@code pending} and {@code deleted} come from the platform. */
  static final Set<String> SETTABLE_STATUSES = Set.of("active", "inactive", "suspended");

  private static final int MAX_TEXT = 200;
  static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

  @Inject @CentralData EntityManager central;
  @Inject RipienoSettings settings;
  @Inject SystemLogWriter systemLog;
  @Inject OrchestraCounter counter;

  /** A created orchestra with its first admin's password, shown this once. */
  public record Creation(OrchestraView orchestra, String adminUsername, String adminPassword) {}

  /**
   * A page of the register, from central alone: two queries, whatever the page holds. The schema
   * version and the last migration come from central (provisioning and the fleet migration record
   * them); the counts, which need the orchestra's own database, are the detail's ({@link #get}) and
   * the fleet metrics'.
   */
  public Page<OrchestraView> list(int page, int size) {
    int first = Page.firstRow(page, size);
    var orchestras =
        central
            .createQuery("SELECT o FROM Orchestra o ORDER BY o.createdAt DESC", Orchestra.class)
            .setFirstResult(first)
            .setMaxResults(size)
            .getResultList();
    return new Page<>(
        orchestras.stream().map(o -> OrchestraView.of(o, null)).toList(),
        central.createQuery("SELECT COUNT(o) FROM Orchestra o", Long.class).getSingleResult(),
        page,
        size);
  }

  public OrchestraView get(String id) {
    Orchestra orchestra = find(id);
    return OrchestraView.of(orchestra, counter.count(orchestra).orElse(null));
  }

  /**
   * Registers the orchestra (status {@code pending}, provisioning {@code REQUESTED}) on the chosen
   * or least used server, with its first admin: inactive, with a generated password that must be
   * changed ({@link Passwords#generateHashed}). The caller starts the provisioning.
   */
  @CentralTransactional
  public Creation create(OrchestraInput input, Caller by) {
    return create(input, by, Subdomains.requireValidForNewOrchestra(input.subdomain()));
  }

  /** The platform's own demo orchestra has a reserved subdomain, so no customer can take it. */
  @CentralTransactional
  public Creation createDemo(OrchestraInput input, Caller by) {
    return create(input, by, input.subdomain());
  }

  private Creation create(OrchestraInput input, Caller by, String subdomain) {
    Orchestra orchestra = new Orchestra();
    orchestra.setName(text(input.name(), "name"));
    orchestra.setContactName(text(input.contactName(), "contactName"));
    orchestra.setContactEmail(email(input.contactEmail()));
    orchestra.setSubdomain(subdomain);
    orchestra.setStatus("pending");
    orchestra.setProvisioningState(ProvisioningState.REQUESTED);
    orchestra.setDatabaseServer(server(input.server()));
    applyMetadata(orchestra, input);
    if (!central
        .createNamedQuery("Orchestra.bySubdomain", Orchestra.class)
        .setParameter("subdomain", subdomain)
        .getResultList()
        .isEmpty()) {
      throw ProblemException.conflict(
          "The subdomain {0} is taken.", "Subdomänen {0} är upptagen.", subdomain);
    }
    String username = Provisioning.firstAdminUsername(subdomain);
    if (!central
        .createNamedQuery("User.byUsername", User.class)
        .setParameter("username", username)
        .getResultList()
        .isEmpty()) {
      throw ProblemException.conflict(
          "An account named {0} exists already; the first admin of {1} needs that name.",
          "Ett konto med namnet {0} finns redan; den första administratören för {1} behöver det.",
          username,
          subdomain);
    }
    central.persist(orchestra);
    central.flush();

    // Hashed at the generated passwords' cost (about a millisecond): see Passwords.
    Passwords.Generated password = Passwords.generateHashed();
    User admin = new User();
    admin.setUsername(username);
    admin.setEmail(uniqueEmail(orchestra.getContactEmail(), subdomain));
    admin.setRole(Role.ADMIN);
    admin.setOrchestraId(orchestra.getId());
    admin.setPasswordHash(password.hash());
    admin.setMustChangePassword(true);
    admin.setActive(false);
    central.persist(admin);
    central.flush();
    record("Orchestra created", orchestra, by, Map.of("server", orchestra.getDatabaseServer()));
    return new Creation(OrchestraView.of(orchestra, null), username, password.password());
  }

  @ChangesAccounts
  @CentralTransactional
  public OrchestraView update(String id, OrchestraInput input, Caller by) {
    Orchestra orchestra = findForUpdate(id);
    refuseIfDeleted(orchestra);
    if (input.subdomain() != null && !input.subdomain().equals(orchestra.getSubdomain())) {
      throw ProblemException.badRequest(
          "A subdomain never changes.", "En subdomän kan inte ändras.");
    }
    if (input.server() != null && !input.server().equals(orchestra.getDatabaseServer())) {
      throw ProblemException.badRequest(
          "An orchestra moves to another server by export and import, not by an update.",
          "En orkester flyttas till en annan server med export och import, inte med en ändring.");
    }
    if (input.name() != null && !input.name().trim().equals(orchestra.getName())) {
      if (orchestra.getProvisioningState() != ProvisioningState.ACTIVE) {
        // Provisioning signs the email templates with the name and checks that signature.
        throw ProblemException.conflict(
            "{0} can be renamed once its provisioning has finished.",
            "{0} kan byta namn när dess etablering är klar.", orchestra.getSubdomain());
      }
      orchestra.setName(text(input.name(), "name"));
    }
    if (input.contactName() != null) {
      orchestra.setContactName(text(input.contactName(), "contactName"));
    }
    if (input.contactEmail() != null) {
      orchestra.setContactEmail(email(input.contactEmail()));
    }
    applyMetadata(orchestra, input);
    central.flush();
    record("Orchestra changed", orchestra, by, Map.of());
    return OrchestraView.of(orchestra, null);
  }

  @ChangesAccounts
  @CentralTransactional
  public OrchestraView changeStatus(String id, String status, Caller by) {
    Orchestra orchestra = findForUpdate(id);
    refuseIfDeleted(orchestra);
    if (status == null || !SETTABLE_STATUSES.contains(status)) {
      throw ProblemException.badRequest(
          "status is active, inactive or suspended.",
          "status är active, inactive eller suspended.");
    }
    if ("active".equals(status) && orchestra.getProvisioningState() != ProvisioningState.ACTIVE) {
      throw ProblemException.conflict(
          "{0} cannot be active before its provisioning has finished (it is {1}).",
          "{0} kan inte vara aktiv innan dess etablering är klar (den är {1}).",
          orchestra.getSubdomain(),
          String.valueOf(orchestra.getProvisioningState()));
    }
    String before = orchestra.getStatus();
    orchestra.setStatus(status);
    central.flush();
    record("Orchestra status changed", orchestra, by, Map.of("from", before, "to", status));
    return OrchestraView.of(orchestra, null);
  }

  /** The orchestra, to provision; a deleted one is refused (409). */
  public OrchestraView provisionable(String id) {
    Orchestra orchestra = find(id);
    refuseIfDeleted(orchestra);
    return OrchestraView.of(orchestra, null);
  }

  /** The orchestra, unless it is deleted; else a 404 or 409 saying why. */
  public Orchestra find(String id) {
    Orchestra orchestra = id == null ? null : central.find(Orchestra.class, id);
    if (orchestra == null) {
      throw ProblemException.notFound(
          "There is no orchestra {0}.", "Det finns ingen orkester {0}.", String.valueOf(id));
    }
    return orchestra;
  }

  /**
   * The orchestra, its row locked until the transaction ends, so that a change and a removal never
   * overwrite each other's status.
   */
  Orchestra findForUpdate(String id) {
    Orchestra orchestra =
        id == null ? null : central.find(Orchestra.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (orchestra == null) {
      throw ProblemException.notFound(
          "There is no orchestra {0}.", "Det finns ingen orkester {0}.", String.valueOf(id));
    }
    return orchestra;
  }

  static void refuseIfDeleted(Orchestra orchestra) {
    if (orchestra.isDeleted()) {
      throw ProblemException.conflict(
          "{0} is deleted; import its export to bring it back.",
          "{0} är borttagen; importera dess export för att återställa den.",
          orchestra.getSubdomain());
    }
  }

  private void applyMetadata(Orchestra orchestra, OrchestraInput input) {
    if (input.plan() != null) {
      if (!PLANS.contains(input.plan())) {
        throw ProblemException.badRequest(
            "plan is small, medium or enterprise.", "plan är small, medium eller enterprise.");
      }
      orchestra.setPlan(input.plan());
    }
    if (input.logoUrl() != null) {
      orchestra.setLogoUrl(input.logoUrl().isBlank() ? null : text(input.logoUrl(), "logoUrl"));
    }
    if (input.maxMusicians() != null) {
      orchestra.setMaxMusicians(nonNegative(input.maxMusicians(), "maxMusicians"));
    }
    if (input.maxProjects() != null) {
      orchestra.setMaxProjects(nonNegative(input.maxProjects(), "maxProjects"));
    }
    if (input.pricePerMonth() != null) {
      orchestra.setPricePerMonth(nonNegative(input.pricePerMonth(), "pricePerMonth"));
    }
  }

  /** The named server, or the one with the fewest orchestras. */
  private String server(String requested) {
    Set<String> configured = settings.orchestraServers().keySet();
    if (requested != null) {
      if (!configured.contains(requested)) {
        throw ProblemException.badRequest(
            "There is no database server {0}; configured are {1}.",
            "Det finns ingen databasserver {0}; konfigurerade är {1}.",
            requested,
            String.join(", ", configured));
      }
      return requested;
    }
    Map<String, Long> used = new java.util.HashMap<>();
    for (Object[] row :
        central
            .createQuery(
                "SELECT o.databaseServer, COUNT(o) FROM Orchestra o"
                    + " WHERE o.status <> 'deleted' GROUP BY o.databaseServer",
                Object[].class)
            .getResultList()) {
      used.put((String) row[0], (Long) row[1]);
    }
    return ServerChoice.fewestOrchestras(configured, used)
        .orElseThrow(
            () ->
                ProblemException.conflict(
                    "No database server for orchestras is configured.",
                    "Ingen databasserver för orkestrar är konfigurerad."));
  }

  /** The contact email for the first admin, unless an account has it already. */
  private String uniqueEmail(String contactEmail, String subdomain) {
    boolean taken =
        !central
            .createNamedQuery("User.byEmail", User.class)
            .setParameter("email", contactEmail)
            .getResultList()
            .isEmpty();
    if (taken) {
      throw ProblemException.conflict(
          "An account with the email {0} exists already; give {1} another contact email.",
          "Ett konto med e-postadressen {0} finns redan; ange en annan kontaktadress för {1}.",
          contactEmail,
          subdomain);
    }
    return contactEmail;
  }

  private void record(String message, Orchestra orchestra, Caller by, Map<String, String> facts) {
    systemLog.write(
        new SystemLogWriter.Event(
            "info",
            "orchestra",
            message,
            by.userId(),
            orchestra.getId(),
            orchestra.getSubdomain(),
            null,
            facts));
  }

  static String text(String value, String field) {
    String trimmed = value == null ? "" : value.trim();
    if (trimmed.isEmpty() || trimmed.length() > MAX_TEXT) {
      throw ProblemException.badRequest(
          "{0} has 1 to 200 characters.", "{0} har 1 till 200 tecken.", field);
    }
    return trimmed;
  }

  static String email(String value) {
    String email = text(value, "contactEmail");
    if (!EMAIL.matcher(email).matches()) {
      throw ProblemException.badRequest(
          "contactEmail is not an email address.", "contactEmail är ingen e-postadress.");
    }
    return email;
  }

  private static int nonNegative(int value, String field) {
    if (value < 0) {
      throw ProblemException.badRequest(
          "{0} cannot be negative.", "{0} kan inte vara negativt.", field);
    }
    return value;
  }
}
