package org.ripieno.orchestra.templates.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.ripieno.orchestra.audit.control.AuditTrail;
import org.ripieno.orchestra.codes.control.CodeType;
import org.ripieno.orchestra.codes.control.IdCodes;
import org.ripieno.orchestra.seed.control.CanonicalSeed;
import org.ripieno.orchestra.templates.boundary.TemplateInput;
import org.ripieno.orchestra.templates.boundary.TemplatePreview;
import org.ripieno.orchestra.templates.boundary.TemplateView;
import org.ripieno.orchestra.templates.entity.EmailTemplate;
import org.ripieno.tenancy.CurrentOrchestra;
import org.ripieno.tenancy.OrchestraData;
import org.ripieno.tenancy.OrchestraRoutes;
import org.ripieno.tenancy.OrchestraTransactional;
import org.ripieno.web.Page;
import org.ripieno.web.ProblemException;

/**
 * The rules for email templates: one template per type ({@code request}, {@code request_en}, ...),
 * the type fixed once created; the defaults of the canonical seed can be restored at any time.
 */
@ApplicationScoped
public class EmailTemplates {

  static final int MAX_SUBJECT = 200;
  static final int MAX_BODY = 10_000;
  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,99}");

  @Inject @OrchestraData EntityManager orchestra;
  @Inject IdCodes codes;
  @Inject AuditTrail audit;
  @Inject OrchestraRoutes routes;
  @Inject CurrentOrchestra current;

  public Page<TemplateView> list(int page, int size) {
    int first = Page.firstRow(page, size);
    List<TemplateView> items =
        orchestra
            .createNamedQuery("EmailTemplate.all", EmailTemplate.class)
            .setFirstResult(first)
            .setMaxResults(size)
            .getResultList()
            .stream()
            .map(TemplateView::of)
            .toList();
    long total =
        orchestra.createQuery("SELECT COUNT(t) FROM EmailTemplate t", Long.class).getSingleResult();
    return new Page<>(items, total, page, size);
  }

  public TemplateView get(int id) {
    return TemplateView.of(find(id));
  }

  @OrchestraTransactional
  public TemplateView create(TemplateInput input) {
    String type = checkedType(input.type());
    if (byType(type) != null) {
      throw ProblemException.conflict(
          "There is already a template of type {0}.",
          "Det finns redan en mall av typen {0}.", type);
    }
    EmailTemplate template = new EmailTemplate();
    template.setType(type);
    template.setSubject(checkedSubject(input.subject()));
    template.setBody(checkedBody(input.body()));
    template.setVariables(variables(input.variables(), template));
    template.setEmailTemplateId(codes.next(CodeType.EMAIL_TEMPLATE));
    orchestra.persist(template);
    orchestra.flush();
    audit.record(
        AuditTrail.Action.CREATE,
        "EmailTemplate",
        template.getId(),
        null,
        TemplateView.Snapshot.of(template));
    return TemplateView.of(template);
  }

  @OrchestraTransactional
  public TemplateView update(int id, TemplateInput input) {
    EmailTemplate template = find(id);
    if (input.type() != null && !input.type().equals(template.getType())) {
      throw ProblemException.badRequest(
          "The type of a template cannot change; create a template of the other type instead.",
          "En malls typ kan inte ändras; skapa en mall av den andra typen i stället.");
    }
    TemplateView.Snapshot before = TemplateView.Snapshot.of(template);
    if (input.subject() != null) {
      template.setSubject(checkedSubject(input.subject()));
    }
    if (input.body() != null) {
      template.setBody(checkedBody(input.body()));
    }
    if (input.variables() != null || input.subject() != null || input.body() != null) {
      template.setVariables(variables(input.variables(), template));
    }
    TemplateView.Snapshot after = TemplateView.Snapshot.of(template);
    if (!after.equals(before)) {
      orchestra.flush();
      audit.record(AuditTrail.Action.UPDATE, "EmailTemplate", template.getId(), before, after);
    }
    return TemplateView.of(template);
  }

  @OrchestraTransactional
  public void delete(int id) {
    EmailTemplate template = find(id);
    TemplateView.Snapshot before = TemplateView.Snapshot.of(template);
    orchestra.remove(template);
    codes.recordDeleted(CodeType.EMAIL_TEMPLATE, template.getEmailTemplateId());
    audit.record(AuditTrail.Action.DELETE, "EmailTemplate", template.getId(), before, null);
  }

  /**
   * Brings the eight default templates back: missing ones are created, changed ones get the default
   * subject and body again. Returns the types created and the types restored.
   */
  @OrchestraTransactional
  public Map<String, List<String>> restoreDefaults() {
    String orchestraName = routes.entryOf(current).orElseThrow().name();
    List<String> created = new ArrayList<>();
    List<String> restored = new ArrayList<>();
    for (CanonicalSeed.TemplateSeed seed : CanonicalSeed.templates(orchestraName)) {
      EmailTemplate template = byType(seed.type());
      if (template == null) {
        template = CanonicalSeed.newTemplate(seed, codes.next(CodeType.EMAIL_TEMPLATE));
        orchestra.persist(template);
        orchestra.flush();
        audit.record(
            AuditTrail.Action.CREATE,
            "EmailTemplate",
            template.getId(),
            null,
            TemplateView.Snapshot.of(template));
        created.add(seed.type());
      } else if (!seed.subject().equals(template.getSubject())
          || !seed.body().equals(template.getBody())) {
        TemplateView.Snapshot before = TemplateView.Snapshot.of(template);
        template.setSubject(seed.subject());
        template.setBody(seed.body());
        template.setVariables(CanonicalSeed.variablesJson(seed.variables()));
        orchestra.flush();
        audit.record(
            AuditTrail.Action.RESTORE,
            "EmailTemplate",
            template.getId(),
            before,
            TemplateView.Snapshot.of(template));
        restored.add(seed.type());
      }
    }
    Map<String, List<String>> result = new LinkedHashMap<>();
    result.put("created", created);
    result.put("restored", restored);
    return result;
  }

  /** The template rendered with sample values in its language. */
  public TemplatePreview preview(int id) {
    EmailTemplate template = find(id);
    Map<String, String> samples = TemplateText.sampleValues(template.getType().endsWith("_en"));
    String body = TemplateText.render(template.getBody(), samples);
    List<String> unknown = inSubjectThenBody(template, TemplateText::unknownIn);
    return new TemplatePreview(
        template.getType(),
        TemplateText.render(template.getSubject(), samples),
        body,
        TemplateText.html(body),
        unknown);
  }

  private EmailTemplate find(int id) {
    EmailTemplate template = orchestra.find(EmailTemplate.class, id);
    if (template == null) {
      throw ProblemException.notFound(
          "There is no email template {0}.", "Det finns ingen e-postmall {0}.", String.valueOf(id));
    }
    return template;
  }

  private EmailTemplate byType(String type) {
    return orchestra
        .createNamedQuery("EmailTemplate.byType", EmailTemplate.class)
        .setParameter("type", type)
        .getResultStream()
        .findFirst()
        .orElse(null);
  }

  private static String variables(List<String> given, EmailTemplate template) {
    if (given == null) {
      return CanonicalSeed.variablesJson(inSubjectThenBody(template, TemplateText::variablesIn));
    }
    if (given.size() > 100
        || given.stream().anyMatch(name -> name == null || name.isBlank() || name.length() > 200)) {
      throw ProblemException.badRequest(
          "variables is a list of at most 100 names of 1 to 200 characters.",
          "variables är en lista med högst 100 namn på 1 till 200 tecken.");
    }
    return CanonicalSeed.variablesJson(given);
  }

  private static String checkedType(String type) {
    if (type == null || !TYPE.matcher(type).matches()) {
      throw ProblemException.badRequest(
          "type is required: lower-case letters, digits and _, such as request or request_en.",
          "type måste anges: små bokstäver, siffror och _, till exempel request eller request_en.");
    }
    return type;
  }

  private static String checkedSubject(String subject) {
    return checkedText("subject", subject, MAX_SUBJECT, "200", "200");
  }

  private static String checkedBody(String body) {
    return checkedText("body", body, MAX_BODY, "10,000", "10 000");
  }

  /** A required text of at most {@code max} characters ({@code maxEnglish}, {@code maxSwedish}). */
  private static String checkedText(
      String field, String value, int max, String maxEnglish, String maxSwedish) {
    if (value == null || value.isBlank()) {
      throw ProblemException.badRequest("{0} is required.", "{0} måste anges.", field);
    }
    if (value.length() > max) {
      throw ProblemException.badRequest(
          "{0} has at most {1} characters.",
          "{0} har högst {2} tecken.", field, maxEnglish, maxSwedish);
    }
    return value;
  }

  /** The names found in the subject, then the new ones in the body, in order of first use. */
  private static List<String> inSubjectThenBody(
      EmailTemplate template, Function<String, Set<String>> names) {
    Set<String> found = new LinkedHashSet<>(names.apply(template.getSubject()));
    found.addAll(names.apply(template.getBody()));
    return new ArrayList<>(found);
  }
}
