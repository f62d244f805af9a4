package org.ripieno.orchestra.musicians.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ripieno.orchestra.audit.control.AuditTrail;
import org.ripieno.orchestra.audit.control.AuditTrail.Action;
import org.ripieno.orchestra.codes.control.CodeType;
import org.ripieno.orchestra.codes.control.IdCodes;
import org.ripieno.orchestra.codes.entity.IdSequence;
import org.ripieno.orchestra.musicians.boundary.MusicianInput;
import org.ripieno.orchestra.musicians.boundary.MusicianView;
import org.ripieno.orchestra.musicians.boundary.MusicianView.Placement;
import org.ripieno.orchestra.musicians.boundary.MusicianView.Qualification;
import org.ripieno.orchestra.musicians.control.MusicianRules.Details;
import org.ripieno.orchestra.musicians.entity.Musician;
import org.ripieno.orchestra.musicians.entity.MusicianQualification;
import org.ripieno.orchestra.musicians.entity.MusicianQualificationId;
import org.ripieno.tenancy.CurrentOrchestra;
import org.ripieno.tenancy.OrchestraData;
import org.ripieno.tenancy.OrchestraEntry;
import org.ripieno.tenancy.OrchestraRoutes;
import org.ripieno.tenancy.OrchestraTransactional;
import org.ripieno.web.Page;
import org.ripieno.web.ProblemException;

/**
 * The rules for the orchestra's musicians: unique email and phone, known positions, the plan's
 * musician limit, archive, restore and erasure of personal data, and list placements that keep a
 * qualification. Every change writes one {@code AuditLog} row. Writes that check uniqueness or the
 * limit first lock the musician code counter, so two of them never both pass the same check.
 */
@ApplicationScoped
public class Musicians {

  static final String ENTITY = "Musician";
  private static final String DEFAULT_ZONE = "Europe/Stockholm";
  private static final List<String> PERSONAL_FIELDS =
      List.of("firstName", "lastName", "email", "phone", "notes");

  @Inject @OrchestraData EntityManager orchestra;
  @Inject IdCodes codes;
  @Inject AuditTrail audit;
  @Inject CurrentOrchestra current;
  @Inject OrchestraRoutes routes;

  /** What the audit trail keeps of a musician. */
  public record Snapshot(
      String musicianId,
      String firstName,
      String lastName,
      String email,
      String phone,
      String preferredLanguage,
      boolean localResidence,
      String notes,
      boolean isActive,
      boolean isArchived,
      Instant archivedAt,
      Instant restoredAt,
      List<Integer> qualificationIds) {}

  /** One project in a musician's history, with the requests they got for it. */
  public record ProjectHistory(ProjectRef project, List<RequestEntry> requests) {}

  public record ProjectRef(
      Integer id, String projectId, String name, Instant startDate, Integer weekNumber) {}

  public record RequestEntry(
      Integer id,
      String requestId,
      Integer positionId,
      String position,
      String instrument,
      String status,
      Instant sentAt,
      Instant reminderSentAt,
      Instant respondedAt) {}

  public Page<MusicianView> list(MusicianFilter filter, int page, int size) {
    int first = Page.firstRow(page, size);
    List<Musician> musicians =
        query(
                "select m from Musician m" + filter.where() + filter.orderBy(),
                Musician.class,
                filter)
            .setFirstResult(first)
            .setMaxResults(size)
            .getResultList();
    long total =
        query("select count(m) from Musician m" + filter.where(), Long.class, filter)
            .getSingleResult();
    return new Page<>(views(musicians), total, page, size);
  }

  /** Every musician the filter matches, in its order (for the export). */
  public List<MusicianView> all(MusicianFilter filter) {
    return views(
        query(
                "select m from Musician m" + filter.where() + filter.orderBy(),
                Musician.class,
                filter)
            .getResultList());
  }

  /**
   * One musician as {@link #get} shows it, in one round trip: the row, and its qualifications and
   * ranking-list placements as JSON arrays (inner joins, as in {@link #qualificationsOf}; sorted in
   * Java, as there). Native, because JPQL has no such aggregate; a projection, because an entity
   * result would skip the attribute converters ({@code TIMESTAMP(3)} columns come back as {@link
   * Timestamp}, read as UTC wall time as {@code UtcInstantConverter} does).
   */
  private static final String MUSICIAN_WITH_LISTS =
      "select m.\"id\", m.\"musicianId\", m.\"firstName\", m.\"lastName\", m.\"email\","
          + " m.\"phone\", m.\"preferredLanguage\", m.\"localResidence\", m.\"notes\","
          + " m.\"isActive\", m.\"isArchived\", m.\"archivedAt\", m.\"restoredAt\","
          + " m.\"createdAt\", m.\"updatedAt\","
          + " (select coalesce(json_agg(json_build_array(i.\"displayOrder\", p.\"id\","
          + " p.\"positionId\", p.\"name\", p.\"hierarchyLevel\", i.\"id\", i.\"name\")), '[]')"
          + " from \"MusicianQualification\" q join \"Position\" p on p.\"id\" = q.\"positionId\""
          + " join \"Instrument\" i on i.\"id\" = p.\"instrumentId\""
          + " where q.\"musicianId\" = m.\"id\")::text,"
          + " (select coalesce(json_agg(json_build_array(i.\"displayOrder\", p.\"hierarchyLevel\","
          + " l.\"id\", l.\"rankingListId\", l.\"listType\", p.\"id\", p.\"name\", i.\"name\","
          + " r.\"rank\")), '[]')"
          + " from \"Ranking\" r join \"RankingList\" l on l.\"id\" = r.\"listId\""
          + " join \"Position\" p on p.\"id\" = l.\"positionId\""
          + " join \"Instrument\" i on i.\"id\" = p.\"instrumentId\""
          + " where r.\"musicianId\" = m.\"id\")::text"
          + " from \"Musician\" m where m.\"id\" = ?";

  /**
   * One musician with qualifications and placements, in one round trip ({@link
   * #MUSICIAN_WITH_LISTS}): the single-record read is the API's most frequent orchestra call, so a
   * request that has not used the entity manager reads in plain JDBC ({@link
   * CurrentOrchestra#nativeRows}). The writes below answer through the entity manager they used,
   * which flushes their changes first, so they answer with what they wrote.
   */
  public MusicianView get(int id) {
    List<Object[]> rows = current.nativeRows(MUSICIAN_WITH_LISTS, id);
    if (rows.isEmpty()) {
      throw noMusician(id);
    }
    Object[] r = rows.get(0);
    boolean active = Boolean.TRUE.equals(r[9]);
    boolean archived = Boolean.TRUE.equals(r[10]);
    return new MusicianView(
        (Integer) r[0],
        (String) r[1],
        (String) r[2],
        (String) r[3],
        (String) r[4],
        (String) r[5],
        (String) r[6],
        Boolean.TRUE.equals(r[7]),
        (String) r[8],
        active,
        archived,
        MusicianRules.status(active, archived),
        utc(r[11]),
        utc(r[12]),
        utc(r[13]),
        utc(r[14]),
        qualifications((String) r[15]),
        placements((String) r[16]));
  }

  /** A {@code TIMESTAMP(3)} column holds UTC wall time (see {@code UtcInstantConverter}). */
  private static Instant utc(Object timestamp) {
    return timestamp == null
        ? null
        : ((Timestamp) timestamp).toLocalDateTime().toInstant(ZoneOffset.UTC);
  }

  public List<ProjectHistory> history(int id) {
    find(id);
    List<Object[]> rows =
        orchestra
            .createQuery(
                "select r.id, r.requestId, pos.id, pos.name, i.name, r.status, r.sentAt,"
                    + " r.reminderSentAt, r.respondedAt, p.id, p.projectId, p.name, p.startDate,"
                    + " p.weekNumber from Request r join r.projectNeed n join n.project p join"
                    + " n.position pos join pos.instrument i where r.musicianId = :id order by"
                    + " p.startDate desc, p.id desc, r.sentAt desc, r.id desc",
                Object[].class)
            .setParameter("id", id)
            .getResultList();
    Map<Integer, ProjectHistory> projects = new LinkedHashMap<>();
    for (Object[] row : rows) {
      ProjectHistory project =
          projects.computeIfAbsent(
              (Integer) row[9],
              key ->
                  new ProjectHistory(
                      new ProjectRef(
                          key,
                          (String) row[10],
                          (String) row[11],
                          (Instant) row[12],
                          (Integer) row[13]),
                      new ArrayList<>()));
      project
          .requests()
          .add(
              new RequestEntry(
                  (Integer) row[0],
                  (String) row[1],
                  (Integer) row[2],
                  (String) row[3],
                  (String) row[4],
                  (String) row[5],
                  (Instant) row[6],
                  (Instant) row[7],
                  (Instant) row[8]));
    }
    return List.copyOf(projects.values());
  }

  public MusicianStatistics statistics(int id) {
    find(id);
    List<MusicianStatistics.Fact> facts =
        orchestra
            .createQuery(
                "select r.status, r.sentAt, r.respondedAt, i.name, pos.name from Request r join"
                    + " r.projectNeed n join n.position pos join pos.instrument i where"
                    + " r.musicianId = :id",
                Object[].class)
            .setParameter("id", id)
            .getResultList()
            .stream()
            .map(
                row ->
                    new MusicianStatistics.Fact(
                        (String) row[0],
                        (Instant) row[1],
                        (Instant) row[2],
                        (String) row[3],
                        (String) row[4]))
            .toList();
    return MusicianStatistics.of(facts, timeZone());
  }

  @OrchestraTransactional
  public MusicianView create(MusicianInput input) {
    Details details = MusicianRules.forCreate(input);
    List<Integer> positionIds =
        MusicianRules.positionIds(
            input.qualificationIds() == null ? List.of() : input.qualificationIds());
    lockMusicians();
    requireRoomFor(1);
    requireUnique(details, null);
    requirePositions(positionIds);
    Musician musician = insert(details, positionIds);
    return get(musician.getId());
  }

  /**
   * Creates a musician whose fields, positions and uniqueness the caller already checked under
   * {@link #lockMusicians()} in the current transaction (the CSV import).
   */
  Musician insert(Details details, List<Integer> positionIds) {
    Musician musician = new Musician();
    musician.setMusicianId(codes.next(CodeType.MUSICIAN));
    apply(musician, details);
    orchestra.persist(musician);
    orchestra.flush();
    for (Integer positionId : positionIds) {
      orchestra.persist(new MusicianQualification(musician.getId(), positionId));
    }
    orchestra.flush();
    audit.record(Action.CREATE, ENTITY, musician.getId(), null, snapshot(musician, positionIds));
    return musician;
  }

  @OrchestraTransactional
  public MusicianView update(int id, MusicianInput input) {
    lockMusicians();
    Musician musician = find(id);
    List<Integer> currentPositions = positionIdsOf(id);
    Snapshot before = snapshot(musician, currentPositions);
    if (MusicianRules.isErased(musician.getEmail())) {
      throw ProblemException.conflict(
          "The personal data of {0} was erased; it cannot be changed.",
          "Personuppgifterna för {0} är raderade; de kan inte ändras.", musician.getMusicianId());
    }
    Details details = MusicianRules.forUpdate(input, details(musician));
    requireUnique(details, id);
    List<Integer> positionIds =
        input.qualificationIds() == null
            ? currentPositions
            : MusicianRules.positionIds(input.qualificationIds());
    if (input.qualificationIds() != null) {
      requirePositions(positionIds);
      List<Integer> removed =
          currentPositions.stream().filter(p -> !positionIds.contains(p)).toList();
      keepPlacedQualifications(id, removed);
      for (Integer positionId : removed) {
        MusicianQualification gone =
            orchestra.find(
                MusicianQualification.class, new MusicianQualificationId(id, positionId));
        if (gone != null) {
          orchestra.remove(gone);
        }
      }
      for (Integer positionId : positionIds) {
        if (!currentPositions.contains(positionId)) {
          orchestra.persist(new MusicianQualification(id, positionId));
        }
      }
    }
    apply(musician, details);
    Snapshot after = snapshot(musician, sorted(positionIds));
    if (!after.equals(before)) {
      orchestra.flush();
      audit.record(Action.UPDATE, ENTITY, id, before, after);
    }
    orchestra.flush();
    return get(id);
  }

  @OrchestraTransactional
  public MusicianView archive(int id) {
    Musician musician = find(id);
    if (musician.getIsArchived()) {
      throw ProblemException.conflict(
          "{0} is already archived.", "{0} är redan arkiverad.", musician.getMusicianId());
    }
    List<Integer> positions = positionIdsOf(id);
    Snapshot before = snapshot(musician, positions);
    musician.setIsArchived(true);
    // Archived musicians are never asked to play; isActive says so to every reader.
    musician.setIsActive(false);
    musician.setArchivedAt(now());
    orchestra.flush();
    audit.record(Action.ARCHIVE, ENTITY, id, before, snapshot(musician, positions));
    return get(id);
  }

  @OrchestraTransactional
  public MusicianView restore(int id) {
    lockMusicians();
    Musician musician = find(id);
    if (!musician.getIsArchived()) {
      throw ProblemException.conflict(
          "{0} is not archived.", "{0} är inte arkiverad.", musician.getMusicianId());
    }
    if (MusicianRules.isErased(musician.getEmail())) {
      throw ProblemException.conflict(
          "The personal data of {0} was erased; the musician cannot be restored.",
          "Personuppgifterna för {0} är raderade; musikern kan inte återställas.",
          musician.getMusicianId());
    }
    requireRoomFor(1);
    List<Integer> positions = positionIdsOf(id);
    Snapshot before = snapshot(musician, positions);
    musician.setIsArchived(false);
    musician.setIsActive(true);
    musician.setRestoredAt(now());
    orchestra.flush();
    audit.record(Action.RESTORE, ENTITY, id, before, snapshot(musician, positions));
    return get(id);
  }

  /**
   * Erases an archived musician's personal data: names and email replaced, phone and notes removed,
   * also from the musician's earlier audit entries. Requests, and so the statistics, stay.
   */
  @OrchestraTransactional
  public MusicianView erase(int id) {
    Musician musician = find(id);
    if (!musician.getIsArchived()) {
      throw ProblemException.conflict(
          "Only an archived musician's data can be erased; archive {0} first.",
          "Bara en arkiverad musikers uppgifter kan raderas; arkivera {0} först.",
          musician.getMusicianId());
    }
    if (MusicianRules.isErased(musician.getEmail())) {
      throw ProblemException.conflict(
          "The personal data of {0} is already erased.",
          "Personuppgifterna för {0} är redan raderade.", musician.getMusicianId());
    }
    musician.setFirstName(MusicianRules.ERASED_FIRST_NAME);
    musician.setLastName(MusicianRules.ERASED_LAST_NAME);
    musician.setEmail(MusicianRules.erasedEmail(musician.getMusicianId()));
    musician.setPhone(null);
    musician.setNotes(null);
    orchestra.flush();
    redactEarlierAuditEntries(id);
    audit.record(
        Action.ERASE,
        ENTITY,
        id,
        Map.of("musicianId", musician.getMusicianId(), "personalData", "present"),
        snapshot(musician, positionIdsOf(id)));
    return get(id);
  }

  /**
   * Locks the musician code counter for the rest of the transaction: the writes that check the
   * limit or uniqueness take it first, so they run one at a time.
   */
  void lockMusicians() {
    orchestra
        .createNamedQuery("IdSequence.byEntityType", IdSequence.class)
        .setParameter("entityType", CodeType.MUSICIAN.entityType())
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList();
  }

  /** Refuses when {@code adding} more musicians would exceed the plan's limit. */
  void requireRoomFor(int adding) {
    int limit = planLimit();
    long present = countNotArchived();
    if (present + adding > limit) {
      throw ProblemException.conflict(
          "The orchestra's plan allows {0} musicians (archived ones not counted) and it has {1};"
              + " archive a musician or upgrade the plan first.",
          "Orkesterns abonnemang tillåter {0} musiker (arkiverade räknas inte) och den har {1};"
              + " arkivera en musiker eller uppgradera abonnemanget först.",
          String.valueOf(limit),
          String.valueOf(present));
    }
  }

  int planLimit() {
    // The row this request was admitted with, not read again.
    return routes.entryOf(current).map(OrchestraEntry::maxMusicians).orElse(Integer.MAX_VALUE);
  }

  long countNotArchived() {
    return orchestra.createNamedQuery("Musician.countNotArchived", Long.class).getSingleResult();
  }

  /** Every musician by their email in lower case. */
  Map<String, Musician> emailOwners() {
    Map<String, Musician> owners = new HashMap<>();
    for (Musician m : orchestra.createNamedQuery("Musician.all", Musician.class).getResultList()) {
      owners.put(m.getEmail().toLowerCase(Locale.ROOT), m);
    }
    return owners;
  }

  /** Every musician with a phone by its {@link MusicianRules#phoneKey key}. */
  Map<String, Musician> phoneOwners() {
    Map<String, Musician> owners = new HashMap<>();
    for (Musician m : orchestra.createNamedQuery("Musician.all", Musician.class).getResultList()) {
      String key = MusicianRules.phoneKey(m.getPhone());
      if (key != null && !key.isEmpty()) {
        owners.putIfAbsent(key, m);
      }
    }
    return owners;
  }

  /** Every position by its {@code Instrument/Position} label in lower case. */
  Map<String, Integer> positionsByLabel() {
    Map<String, Integer> positions = new HashMap<>();
    for (Object[] row :
        orchestra
            .createQuery(
                "select p.id, i.name, p.name from Position p join p.instrument i", Object[].class)
            .getResultList()) {
      positions.put(label((String) row[1], (String) row[2]), (Integer) row[0]);
    }
    return positions;
  }

  static String label(String instrument, String position) {
    return (instrument.strip() + "/" + position.strip()).toLowerCase(Locale.ROOT);
  }

  static ProblemException duplicateEmail(String email, Musician owner) {
    return ProblemException.conflict(
        "The email {0} is already used by {1} {2} ({3}).",
        "E-postadressen {0} används redan av {1} {2} ({3}).",
        email,
        owner.getFirstName(),
        owner.getLastName(),
        owner.getMusicianId());
  }

  static ProblemException duplicatePhone(String phone, Musician owner) {
    return ProblemException.conflict(
        "The phone number {0} is already used by {1} {2} ({3}).",
        "Telefonnumret {0} används redan av {1} {2} ({3}).",
        phone,
        owner.getFirstName(),
        owner.getLastName(),
        owner.getMusicianId());
  }

  private void requireUnique(Details details, Integer ownId) {
    orchestra
        .createNamedQuery("Musician.byEmailIgnoringCase", Musician.class)
        .setParameter("email", details.email().toLowerCase(Locale.ROOT))
        .getResultList()
        .stream()
        .filter(other -> !other.getId().equals(ownId))
        .findFirst()
        .ifPresent(
            owner -> {
              throw duplicateEmail(details.email(), owner);
            });
    if (details.phone() != null) {
      String key = MusicianRules.phoneKey(details.phone());
      Musician owner = phoneOwners().get(key);
      if (owner != null && !owner.getId().equals(ownId)) {
        throw duplicatePhone(details.phone(), owner);
      }
    }
  }

  private void requirePositions(List<Integer> positionIds) {
    if (positionIds.isEmpty()) {
      return;
    }
    Set<Integer> known =
        new TreeSet<>(
            orchestra
                .createQuery("select p.id from Position p where p.id in :ids", Integer.class)
                .setParameter("ids", positionIds)
                .getResultList());
    List<Integer> unknown = positionIds.stream().filter(p -> !known.contains(p)).toList();
    if (!unknown.isEmpty()) {
      throw ProblemException.badRequest(
          "There is no position {0}.",
          "Det finns ingen position {0}.",
          unknown.stream().map(String::valueOf).collect(Collectors.joining(", ")));
    }
  }

  /** Refuses removing a qualification the musician still has ranking-list places for. */
  private void keepPlacedQualifications(int id, List<Integer> removed) {
    if (removed.isEmpty()) {
      return;
    }
    List<String> lists = new ArrayList<>();
    for (Object[] row :
        orchestra
            .createQuery(
                "select l.rankingListId, l.listType, i.name, p.name from Ranking r join"
                    + " r.rankingList l join l.position p join p.instrument i where r.musicianId"
                    + " = :id and l.positionId in :removed order by i.name, p.name, l.listType",
                Object[].class)
            .setParameter("id", id)
            .setParameter("removed", removed)
            .getResultList()) {
      lists.add(row[2] + "/" + row[3] + " " + row[1] + " (" + row[0] + ")");
    }
    for (Object[] row :
        orchestra
            .createQuery(
                "select l.name, l.customListId from CustomRanking r join r.customRankingList l"
                    + " where r.musicianId = :id and l.positionId in :removed order by l.name",
                Object[].class)
            .setParameter("id", id)
            .setParameter("removed", removed)
            .getResultList()) {
      lists.add(row[0] + " (" + row[1] + ")");
    }
    if (!lists.isEmpty()) {
      throw ProblemException.conflict(
          "The musician is still placed on these ranking lists for the qualifications being"
              + " removed: {0}. Remove them from the lists first.",
          "Musikern finns fortfarande på dessa rankinglistor för kvalifikationerna som tas bort:"
              + " {0}. Ta bort musikern från listorna först.",
          String.join(", ", lists));
    }
  }

  /** Removes the personal fields from the musician's earlier audit entries. */
  private void redactEarlierAuditEntries(int id) {
    String redact =
        "case when jsonb_typeof(%1$s) = 'object' then %1$s || coalesce((select"
            + " jsonb_object_agg(k, 'null'::jsonb) from unnest(cast(?1 as text[])) k where"
            + " jsonb_exists(%1$s, k)), '{}'::jsonb) else %1$s end";
    orchestra
        .createNativeQuery(
            "update \"AuditLog\" set \"oldValues\" = "
                + redact.formatted("\"oldValues\"")
                + ", \"newValues\" = "
                + redact.formatted("\"newValues\"")
                + " where \"entityType\" = ?2 and \"entityId\" = ?3")
        .setParameter(1, "{" + String.join(",", PERSONAL_FIELDS) + "}")
        .setParameter(2, ENTITY)
        .setParameter(3, id)
        .executeUpdate();
  }

  private Musician find(int id) {
    Musician musician = orchestra.find(Musician.class, id);
    if (musician == null) {
      throw noMusician(id);
    }
    return musician;
  }

  private static ProblemException noMusician(int id) {
    return ProblemException.notFound(
        "There is no musician {0}.", "Det finns ingen musiker {0}.", String.valueOf(id));
  }

  private <T> TypedQuery<T> query(String jpql, Class<T> type, MusicianFilter filter) {
    TypedQuery<T> query = orchestra.createQuery(jpql, type);
    filter.parameters().forEach(query::setParameter);
    return query;
  }

  private List<Integer> positionIdsOf(int id) {
    return sorted(
        orchestra
            .createNamedQuery("MusicianQualification.positionIdsOf", Integer.class)
            .setParameter("musicianId", id)
            .getResultList());
  }

  private static List<Integer> sorted(Collection<Integer> ids) {
    return ids.stream().sorted().toList();
  }

  private List<MusicianView> views(List<Musician> musicians) {
    Map<Integer, List<Qualification>> qualifications =
        qualificationsOf(musicians.stream().map(Musician::getId).toList());
    return musicians.stream()
        .map(m -> view(m, qualifications.getOrDefault(m.getId(), List.of()), null))
        .toList();
  }

  /** A qualification with what orders it. */
  private record QualificationRow(
      Integer musicianId, Integer displayOrder, Qualification qualification) {}

  private static final Comparator<QualificationRow> QUALIFICATION_ORDER =
      Musicians.<QualificationRow>instrumentOrder(
              QualificationRow::displayOrder,
              r -> r.qualification().instrumentName(),
              r -> r.qualification().hierarchyLevel())
          .thenComparing(r -> r.qualification().positionName());

  /** A placement with what orders it. */
  private record PlacementRow(Integer displayOrder, Integer hierarchyLevel, Placement placement) {}

  private static final Comparator<PlacementRow> PLACEMENT_ORDER =
      Musicians.<PlacementRow>instrumentOrder(
              PlacementRow::displayOrder,
              r -> r.placement().instrumentName(),
              PlacementRow::hierarchyLevel)
          .thenComparing(r -> Objects.toString(r.placement().listType(), ""));

  /** The qualifications of the musicians, in instrument and hierarchy order, in one query. */
  private Map<Integer, List<Qualification>> qualificationsOf(List<Integer> musicianIds) {
    if (musicianIds.isEmpty()) {
      return Map.of();
    }
    List<QualificationRow> rows =
        orchestra
            .createQuery(
                "select q.musicianId, i.displayOrder, p.id, p.positionId, p.name,"
                    + " p.hierarchyLevel, i.id, i.name from MusicianQualification q join"
                    + " q.position p join p.instrument i where q.musicianId in :ids",
                Object[].class)
            .setParameter("ids", musicianIds)
            .getResultList()
            .stream()
            .map(
                r ->
                    new QualificationRow(
                        (Integer) r[0],
                        (Integer) r[1],
                        new Qualification(
                            (Integer) r[2],
                            (String) r[3],
                            (String) r[4],
                            (Integer) r[5],
                            (Integer) r[6],
                            (String) r[7])))
            .sorted(QUALIFICATION_ORDER)
            .toList();
    return rows.stream()
        .collect(
            Collectors.groupingBy(
                QualificationRow::musicianId,
                Collectors.mapping(QualificationRow::qualification, Collectors.toList())));
  }

  /**
   * One musician's qualifications from the JSON array of {@link #MUSICIAN_WITH_LISTS}, each {@code
   * [displayOrder, position id, position code, position name, hierarchy level, instrument id,
   * instrument name]}, in the order of {@link #qualificationsOf}.
   */
  static List<Qualification> qualifications(String json) {
    return JsonRows.of(json).stream()
        .map(
            r ->
                new QualificationRow(
                    null,
                    r.integer(0),
                    new Qualification(
                        r.integer(1), r.text(2), r.text(3), r.integer(4), r.integer(5), r.text(6))))
        .sorted(QUALIFICATION_ORDER)
        .map(QualificationRow::qualification)
        .toList();
  }

  /**
   * One musician's places in standard ranking lists, in instrument, hierarchy and list order, from
   * the JSON array of {@link #MUSICIAN_WITH_LISTS}, each {@code [displayOrder, hierarchy level,
   * list id, list code, list type, position id, position name, instrument name, rank]}.
   */
  static List<Placement> placements(String json) {
    return JsonRows.of(json).stream()
        .map(
            r ->
                new PlacementRow(
                    r.integer(0),
                    r.integer(1),
                    new Placement(
                        r.integer(2),
                        r.text(3),
                        r.text(4),
                        r.integer(5),
                        r.text(6),
                        r.text(7),
                        r.integer(8))))
        .sorted(PLACEMENT_ORDER)
        .map(PlacementRow::placement)
        .toList();
  }

  /**
   * Instrument display order (nulls last), instrument name, then hierarchy level (nulls last): the
   * order of qualifications and placements.
   */
  private static <T> Comparator<T> instrumentOrder(
      Function<T, Integer> displayOrder,
      Function<T, String> instrumentName,
      Function<T, Integer> hierarchyLevel) {
    return Comparator.<T>comparingInt(t -> nullsLast(displayOrder.apply(t)))
        .thenComparing(instrumentName)
        .thenComparingInt(t -> nullsLast(hierarchyLevel.apply(t)));
  }

  private static int nullsLast(Integer value) {
    return value == null ? Integer.MAX_VALUE : value;
  }

  private static MusicianView view(
      Musician m, List<Qualification> qualifications, List<Placement> placements) {
    boolean active = Boolean.TRUE.equals(m.getIsActive());
    boolean archived = Boolean.TRUE.equals(m.getIsArchived());
    return new MusicianView(
        m.getId(),
        m.getMusicianId(),
        m.getFirstName(),
        m.getLastName(),
        m.getEmail(),
        m.getPhone(),
        m.getPreferredLanguage(),
        Boolean.TRUE.equals(m.getLocalResidence()),
        m.getNotes(),
        active,
        archived,
        MusicianRules.status(active, archived),
        m.getArchivedAt(),
        m.getRestoredAt(),
        m.getCreatedAt(),
        m.getUpdatedAt(),
        qualifications,
        placements);
  }

  private static Details details(Musician m) {
    return new Details(
        m.getFirstName(),
        m.getLastName(),
        m.getEmail(),
        m.getPhone(),
        m.getPreferredLanguage(),
        Boolean.TRUE.equals(m.getLocalResidence()),
        m.getNotes(),
        Boolean.TRUE.equals(m.getIsActive()));
  }

  private static void apply(Musician m, Details details) {
    m.setFirstName(details.firstName());
    m.setLastName(details.lastName());
    m.setEmail(details.email());
    m.setPhone(details.phone());
    m.setPreferredLanguage(details.preferredLanguage());
    m.setLocalResidence(details.localResidence());
    m.setNotes(details.notes());
    m.setIsActive(details.isActive());
  }

  private static Snapshot snapshot(Musician m, List<Integer> positionIds) {
    return new Snapshot(
        m.getMusicianId(),
        m.getFirstName(),
        m.getLastName(),
        m.getEmail(),
        m.getPhone(),
        m.getPreferredLanguage(),
        Boolean.TRUE.equals(m.getLocalResidence()),
        m.getNotes(),
        Boolean.TRUE.equals(m.getIsActive()),
        Boolean.TRUE.equals(m.getIsArchived()),
        m.getArchivedAt(),
        m.getRestoredAt(),
        sorted(positionIds));
  }

  private ZoneId timeZone() {
    String zone =
        orchestra
            .createQuery("select s.value from Settings s where s.key = 'time_zone'", String.class)
            .getResultStream()
            .findFirst()
            .orElse(DEFAULT_ZONE);
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException unknown) {
      return ZoneId.of(DEFAULT_ZONE);
    }
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
