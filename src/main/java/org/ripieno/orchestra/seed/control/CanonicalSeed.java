package org.ripieno.orchestra.seed.control;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.persistence.EntityManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.ripieno.orchestra.codes.control.CodeType;
import org.ripieno.orchestra.instruments.entity.Instrument;
import org.ripieno.orchestra.instruments.entity.Position;
import org.ripieno.orchestra.rankings.entity.RankingList;
import org.ripieno.orchestra.settings.entity.Settings;
import org.ripieno.orchestra.templates.entity.EmailTemplate;

/**
 * What every new orchestra starts with ({@code docs/seed.md}): 14 instruments, 43 positions, the A,
 * B and C ranking list of every position, the eight default email templates and the default
 * settings. Codes come from the given code source, so the counters end past the seeded codes.
 *
 * <p>Idempotent: whatever already exists (an instrument by name, a position by instrument and name,
 * a list by position and type, a template by type, a setting by key) is left as it is and takes no
 * code. Call inside an open transaction on the orchestra's entity manager.
 */
public final class CanonicalSeed {

  /** One instrument with its positions, most senior first. */
  public record InstrumentSeed(String name, List<String> positions) {}

  /** One default email template. */
  public record TemplateSeed(String type, String subject, String body, List<String> variables) {}

  /** How many rows a run created. */
  public record Result(
      int instruments, int positions, int rankingLists, int templates, int settings) {

    public boolean changedNothing() {
      return instruments + positions + rankingLists + templates + settings == 0;
    }
  }

  public static final List<InstrumentSeed> INSTRUMENTS =
      List.of(
          new InstrumentSeed(
              "Violin",
              List.of(
                  "Förste konsertmästare",
                  "Andre konsertmästare",
                  "Stämledare violin 2",
                  "Tutti violin 1",
                  "Tutti violin 2")),
          new InstrumentSeed("Viola", List.of("Stämledare", "Alternerande stämledare", "Tutti")),
          new InstrumentSeed("Cello", List.of("Solocellist", "Alternerande stämledare", "Tutti")),
          new InstrumentSeed("Kontrabas", List.of("Stämledare", "Tutti")),
          new InstrumentSeed("Flöjt", List.of("Soloflöjt", "Stämledare flöjt 2", "Piccolaflöjt")),
          new InstrumentSeed("Oboe", List.of("Solooboe", "Stämledare oboe 2", "Engelskt horn")),
          new InstrumentSeed(
              "Klarinett",
              List.of("Soloklarinett", "Stämledare klarinett 2", "Essklarinett", "Basklarinett")),
          new InstrumentSeed(
              "Fagott", List.of("Solofagott", "Stämledare fagott 2", "Kontrafagott")),
          new InstrumentSeed(
              "Valthorn",
              List.of("Solovalthorn", "Stämledare valthorn 2", "Valthorn 3", "Valthorn 4")),
          new InstrumentSeed(
              "Trumpet", List.of("Solotrumpet", "Stämledare trumpet 2", "Trumpet 3", "Kornet")),
          new InstrumentSeed("Trombon", List.of("Solotrombon", "Trombon 2", "Bastrombon")),
          new InstrumentSeed("Tuba", List.of("Solotuba")),
          new InstrumentSeed("Slagverk", List.of("Soloslagverk", "Slagverk 2", "Puka")),
          new InstrumentSeed("Harpa", List.of("Soloharpa", "Harpa 2")));

  public static final List<String> LIST_TYPES = List.of("A", "B", "C");

  public static final String REMINDER_PERCENTAGE = "reminder_percentage";
  public static final String RANKING_CONFLICT_STRATEGY = "ranking_conflict_strategy";
  public static final String TIME_ZONE = "time_zone";

  /** The default settings, with their descriptions. */
  public static final Map<String, String[]> SETTINGS = settings();

  private final Function<CodeType, String> codes;

  /**
   * @param codes hands out the next code of a type ({@link SequenceCodes} on the same entity
   *     manager, or the application's {@code IdCodes::next})
   */
  public CanonicalSeed(Function<CodeType, String> codes) {
    this.codes = codes;
  }

  /** A seed taking its codes from the counters of the same database. */
  public static CanonicalSeed onSequences(EntityManager entityManager) {
    return new CanonicalSeed(new SequenceCodes(entityManager));
  }

  /** Seeds what is missing; the templates are signed with the orchestra's name. */
  public Result apply(EntityManager entityManager, String orchestraName) {
    new SequenceCodes(entityManager).ensureAll();
    int instruments = 0;
    int positions = 0;
    int lists = 0;
    int order = 1;
    for (InstrumentSeed seed : INSTRUMENTS) {
      Instrument instrument =
          entityManager
              .createQuery("SELECT i FROM Instrument i WHERE i.name = :name", Instrument.class)
              .setParameter("name", seed.name())
              .getResultStream()
              .findFirst()
              .orElse(null);
      if (instrument == null) {
        instrument = new Instrument();
        instrument.setInstrumentId(codes.apply(CodeType.INSTRUMENT));
        instrument.setName(seed.name());
        instrument.setDisplayOrder(order);
        entityManager.persist(instrument);
        entityManager.flush();
        instruments++;
      }
      order++;
      int level = 1;
      for (String positionName : seed.positions()) {
        Position position =
            entityManager
                .createQuery(
                    "SELECT p FROM Position p WHERE p.instrumentId = :instrument"
                        + " AND p.name = :name",
                    Position.class)
                .setParameter("instrument", instrument.getId())
                .setParameter("name", positionName)
                .getResultStream()
                .findFirst()
                .orElse(null);
        if (position == null) {
          position = new Position();
          position.setPositionId(codes.apply(CodeType.POSITION));
          position.setInstrument(instrument);
          position.setName(positionName);
          position.setHierarchyLevel(level);
          entityManager.persist(position);
          entityManager.flush();
          positions++;
        }
        level++;
        for (String listType : LIST_TYPES) {
          long present =
              entityManager
                  .createQuery(
                      "SELECT COUNT(l) FROM RankingList l WHERE l.positionId = :position"
                          + " AND l.listType = :type",
                      Long.class)
                  .setParameter("position", position.getId())
                  .setParameter("type", listType)
                  .getSingleResult();
          if (present == 0) {
            RankingList list = new RankingList();
            list.setRankingListId(codes.apply(CodeType.RANKING_LIST));
            list.setPosition(position);
            list.setListType(listType);
            list.setDescription(listType + "-lista för " + positionName + " (" + seed.name() + ")");
            entityManager.persist(list);
            lists++;
          }
        }
      }
    }
    int templates = 0;
    for (TemplateSeed seed : templates(orchestraName)) {
      long present =
          entityManager
              .createQuery("SELECT COUNT(t) FROM EmailTemplate t WHERE t.type = :type", Long.class)
              .setParameter("type", seed.type())
              .getSingleResult();
      if (present == 0) {
        entityManager.persist(newTemplate(seed, codes.apply(CodeType.EMAIL_TEMPLATE)));
        templates++;
      }
    }
    int settings = 0;
    for (Map.Entry<String, String[]> setting : SETTINGS.entrySet()) {
      long present =
          entityManager
              .createQuery("SELECT COUNT(s) FROM Settings s WHERE s.key = :key", Long.class)
              .setParameter("key", setting.getKey())
              .getSingleResult();
      if (present == 0) {
        Settings row = new Settings();
        row.setKey(setting.getKey());
        row.setValue(setting.getValue()[0]);
        row.setDescription(setting.getValue()[1]);
        entityManager.persist(row);
        settings++;
      }
    }
    entityManager.flush();
    return new Result(instruments, positions, lists, templates, settings);
  }

  /** An email template entity with the seed's content and the given code. */
  public static EmailTemplate newTemplate(TemplateSeed seed, String code) {
    EmailTemplate template = new EmailTemplate();
    template.setEmailTemplateId(code);
    template.setType(seed.type());
    template.setSubject(seed.subject());
    template.setBody(seed.body());
    template.setVariables(variablesJson(seed.variables()));
    return template;
  }

  /** The variables as the JSON array stored in {@code EmailTemplate.variables}. */
  public static String variablesJson(List<String> variables) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    variables.forEach(array::add);
    return array.build().toString();
  }

  // The variables of each template, shared by its Swedish and English variant.
  private static final List<String> REQUEST_VARIABLES =
      List.of(
          "firstName",
          "position",
          "instrumentName",
          "projectName",
          "weekNumber",
          "startDate",
          "rehearsalSchedule",
          "concertInfo",
          "responseTime",
          "responseUrl");
  private static final List<String> REMINDER_VARIABLES =
      List.of("firstName", "position", "projectName", "responseUrl");
  private static final List<String> CONFIRMATION_VARIABLES =
      List.of(
          "firstName",
          "position",
          "instrumentName",
          "projectName",
          "weekNumber",
          "startDate",
          "rehearsalSchedule",
          "concertInfo",
          "attachmentNote");
  private static final List<String> POSITION_FILLED_VARIABLES =
      List.of("firstName", "position", "projectName");

  /** The eight default templates, signed with the orchestra's name. */
  public static List<TemplateSeed> templates(String orchestraName) {
    String name = orchestraName == null || orchestraName.isBlank() ? "Orkestern" : orchestraName;
    return List.of(
        new TemplateSeed(
            "request",
            "Förfrågan: {{position}} i {{projectName}} (vecka {{weekNumber}})",
            String.join(
                "\n",
                "Hej {{firstName}}!",
                "",
                "Vi skulle gärna vilja ha dig som {{position}} ({{instrumentName}}) i"
                    + " {{projectName}}, vecka {{weekNumber}}.",
                "",
                "Startdatum: {{startDate}}",
                "Repetitioner: {{rehearsalSchedule}}",
                "Konsert: {{concertInfo}}",
                "",
                "Svara gärna inom {{responseTime}} timmar via länken nedan:",
                "{{responseUrl}}",
                "",
                "Med vänliga hälsningar",
                name),
            REQUEST_VARIABLES),
        new TemplateSeed(
            "reminder",
            "Påminnelse: {{projectName}}",
            String.join(
                "\n",
                "Hej {{firstName}}!",
                "",
                "Vi har ännu inte fått ditt svar på förfrågan om {{position}} i {{projectName}}.",
                "Svara gärna så snart som möjligt via länken nedan:",
                "{{responseUrl}}",
                "",
                "Med vänliga hälsningar",
                name),
            REMINDER_VARIABLES),
        new TemplateSeed(
            "confirmation",
            "Bekräftelse: {{position}} i {{projectName}}",
            String.join(
                "\n",
                "Hej {{firstName}}!",
                "",
                "Tack för att du tackat ja till {{position}} ({{instrumentName}}) i"
                    + " {{projectName}}, vecka {{weekNumber}}.",
                "",
                "Startdatum: {{startDate}}",
                "Repetitioner: {{rehearsalSchedule}}",
                "Konsert: {{concertInfo}}",
                "",
                "{{attachmentNote}}",
                "",
                "Med vänliga hälsningar",
                name),
            CONFIRMATION_VARIABLES),
        new TemplateSeed(
            "position_filled",
            "Tjänsten är tillsatt: {{projectName}}",
            String.join(
                "\n",
                "Hej {{firstName}}!",
                "",
                "Tyvärr har tjänsten som {{position}} i {{projectName}} redan blivit tillsatt.",
                "Tack för ditt intresse, vi hoppas få höra av oss igen snart.",
                "",
                "Med vänliga hälsningar",
                name),
            POSITION_FILLED_VARIABLES),
        new TemplateSeed(
            "request_en",
            "Request: {{position}} in {{projectName}} (week {{weekNumber}})",
            String.join(
                "\n",
                "Hi {{firstName}},",
                "",
                "We would like you to play {{position}} ({{instrumentName}}) in {{projectName}},"
                    + " week {{weekNumber}}.",
                "",
                "Start date: {{startDate}}",
                "Rehearsals: {{rehearsalSchedule}}",
                "Concert: {{concertInfo}}",
                "",
                "Please answer within {{responseTime}} hours using the link below:",
                "{{responseUrl}}",
                "",
                "Kind regards,",
                name),
            REQUEST_VARIABLES),
        new TemplateSeed(
            "reminder_en",
            "Reminder: {{projectName}}",
            String.join(
                "\n",
                "Hi {{firstName}},",
                "",
                "We have not yet received your answer to our request for {{position}} in"
                    + " {{projectName}}.",
                "Please answer as soon as possible using the link below:",
                "{{responseUrl}}",
                "",
                "Kind regards,",
                name),
            REMINDER_VARIABLES),
        new TemplateSeed(
            "confirmation_en",
            "Confirmation: {{position}} in {{projectName}}",
            String.join(
                "\n",
                "Hi {{firstName}},",
                "",
                "Thank you for accepting {{position}} ({{instrumentName}}) in {{projectName}},"
                    + " week {{weekNumber}}.",
                "",
                "Start date: {{startDate}}",
                "Rehearsals: {{rehearsalSchedule}}",
                "Concert: {{concertInfo}}",
                "",
                "{{attachmentNote}}",
                "",
                "Kind regards,",
                name),
            CONFIRMATION_VARIABLES),
        new TemplateSeed(
            "position_filled_en",
            "Position filled: {{projectName}}",
            String.join(
                "\n",
                "Hi {{firstName}},",
                "",
                "Unfortunately the position {{position}} in {{projectName}} has already been"
                    + " filled.",
                "Thank you for your interest; we hope to be in touch again soon.",
                "",
                "Kind regards,",
                name),
            POSITION_FILLED_VARIABLES));
  }

  private static Map<String, String[]> settings() {
    Map<String, String[]> settings = new LinkedHashMap<>();
    settings.put(
        REMINDER_PERCENTAGE,
        new String[] {"75", "Påminnelse skickas när så stor andel (%) av svarstiden har gått"});
    settings.put(
        RANKING_CONFLICT_STRATEGY,
        new String[] {"simple", "Hur konflikter mellan rankningslistor hanteras"});
    settings.put(TIME_ZONE, new String[] {"Europe/Stockholm", "Orkesterns tidszon"});
    return java.util.Collections.unmodifiableMap(settings);
  }
}
