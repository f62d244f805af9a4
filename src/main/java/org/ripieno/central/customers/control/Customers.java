package org.ripieno.central.customers.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.ripieno.central.customers.boundary.CustomerInput;
import org.ripieno.central.customers.boundary.CustomerView;
import org.ripieno.central.customers.entity.Customer;
import org.ripieno.central.systemlog.control.SystemLogWriter;
import org.ripieno.security.Caller;
import org.ripieno.tenancy.CentralData;
import org.ripieno.tenancy.CentralTransactional;
import org.ripieno.web.Page;
import org.ripieno.web.ProblemException;

/**
 * The legacy customer registry, kept for compatibility (product.md §1); Ripieno never routes by it.
 * Subdomains unique; the database URL encrypted at rest and never shown whole.
 */
@ApplicationScoped
public class Customers {

  private static final Set<String> STATUSES = Set.of("active", "inactive", "pending");
  private static final Set<String> PLANS = Set.of("small", "medium", "enterprise");
  private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9-]{1,200}");
  private static final int MAX_TEXT = 200;

  @Inject @CentralData EntityManager central;
  @Inject SystemLogWriter systemLog;

  public Page<CustomerView> list(int page, int size) {
    int first = Page.firstRow(page, size);
    return new Page<>(
        central
            .createNamedQuery("Customer.all", Customer.class)
            .setFirstResult(first)
            .setMaxResults(size)
            .getResultList()
            .stream()
            .map(CustomerView::of)
            .toList(),
        central.createNamedQuery("Customer.countAll", Long.class).getSingleResult(),
        page,
        size);
  }

  public CustomerView get(String id) {
    return CustomerView.of(find(id));
  }

  @CentralTransactional
  public CustomerView create(CustomerInput input, Caller by) {
    for (var required :
        Map.of(
                "name", String.valueOf(input.name()),
                "subdomain", String.valueOf(input.subdomain()),
                "databaseUrl", String.valueOf(input.databaseUrl()),
                "contactEmail", String.valueOf(input.contactEmail()))
            .entrySet()) {
      if ("null".equals(required.getValue()) || required.getValue().isBlank()) {
        throw ProblemException.badRequest(
            "{0} is required.", "{0} måste anges.", required.getKey());
      }
    }
    Customer customer = new Customer();
    apply(customer, input);
    central.persist(customer);
    central.flush();
    record("Customer created", customer, by);
    return CustomerView.of(customer);
  }

  @CentralTransactional
  public CustomerView update(String id, CustomerInput input, Caller by) {
    Customer customer = find(id);
    apply(customer, input);
    central.flush();
    record("Customer changed", customer, by);
    return CustomerView.of(customer);
  }

  @CentralTransactional
  public void delete(String id, Caller by) {
    Customer customer = find(id);
    record("Customer deleted", customer, by);
    central.remove(customer);
  }

  private void apply(Customer customer, CustomerInput input) {
    if (input.name() != null) {
      customer.setName(text(input.name(), "name"));
    }
    if (input.subdomain() != null) {
      String subdomain = input.subdomain().trim();
      if (!SUBDOMAIN.matcher(subdomain).matches()) {
        throw ProblemException.badRequest(
            "A subdomain is lower-case letters, digits and -.",
            "En subdomän består av gemener, siffror och -.");
      }
      boolean taken =
          central
              .createNamedQuery("Customer.bySubdomain", Customer.class)
              .setParameter("subdomain", subdomain)
              .getResultStream()
              .anyMatch(other -> !other.getId().equals(customer.getId()));
      if (taken) {
        throw ProblemException.conflict(
            "The subdomain {0} is taken.", "Subdomänen {0} är upptagen.", subdomain);
      }
      customer.setSubdomain(subdomain);
    }
    if (input.databaseUrl() != null) {
      customer.setDatabaseUrl(text(input.databaseUrl(), "databaseUrl"));
    }
    if (input.contactEmail() != null) {
      customer.setContactEmail(text(input.contactEmail(), "contactEmail"));
    }
    if (input.status() != null) {
      customer.setStatus(oneOf(input.status(), STATUSES, "status"));
    }
    if (input.plan() != null) {
      customer.setPlan(oneOf(input.plan(), PLANS, "plan"));
    }
  }

  private Customer find(String id) {
    Customer customer = id == null ? null : central.find(Customer.class, id);
    if (customer == null) {
      throw ProblemException.notFound(
          "There is no customer {0}.", "Det finns ingen kund {0}.", String.valueOf(id));
    }
    return customer;
  }

  private static String text(String value, String field) {
    String trimmed = value.trim();
    if (trimmed.isEmpty() || trimmed.length() > MAX_TEXT) {
      throw ProblemException.badRequest(
          "{0} has 1 to 200 characters.", "{0} har 1 till 200 tecken.", field);
    }
    return trimmed;
  }

  private static String oneOf(String value, Set<String> allowed, String field) {
    if (!allowed.contains(value)) {
      throw ProblemException.badRequest(
          "{0} is one of {1}.", "{0} är en av {1}.", field, String.join(", ", allowed));
    }
    return value;
  }

  private void record(String what, Customer customer, Caller by) {
    systemLog.write(
        new SystemLogWriter.Event(
            "info",
            "superadmin",
            what,
            by.userId(),
            null,
            customer.getSubdomain(),
            null,
            Map.of("customer", customer.getName(), "by", by.username())));
  }
}
