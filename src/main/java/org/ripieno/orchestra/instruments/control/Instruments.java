package org.ripieno.orchestra.instruments.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ripieno.orchestra.audit.control.AuditTrail;
import org.ripieno.orchestra.audit.control.AuditTrail.Action;
import org.ripieno.orchestra.codes.control.CodeType;
import org.ripieno.orchestra.codes.control.IdCodes;
import org.ripieno.orchestra.instruments.boundary.InstrumentInput;
import org.ripieno.orchestra.instruments.boundary.InstrumentView;
import org.ripieno.orchestra.instruments.boundary.PositionInput;
import org.ripieno.orchestra.instruments.boundary.PositionView;
import org.ripieno.orchestra.instruments.entity.Instrument;
import org.ripieno.orchestra.instruments.entity.Position;
import org.ripieno.orchestra.rankings.entity.RankingList;
import org.ripieno.tenancy.OrchestraData;
import org.ripieno.tenancy.OrchestraTransactional;
import org.ripieno.web.Page;
import org.ripieno.web.ProblemException;

/**
 * The rules for instruments and their positions (legacy-system.md §2.4): names unique (positions
 * per instrument), codes INST### and POS###, display order and hierarchy kept contiguous by
 * reorders, and no deletion while a musician is qualified or a project uses a position (the
 * database would otherwise cascade the project's needs away). Every change writes one audit row.
 */
@ApplicationScoped
public class Instruments {

  /** Orders instruments as the legacy system did: by display order, unset last, then by name. */
  public static final Comparator<Instrument> DISPLAY_ORDER =
      Comparator.comparing(
              Instrument::getDisplayOrder, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(Instrument::getName)
          .thenComparing(Instrument::getId);

  @Inject @OrchestraData EntityManager orchestra;
  @Inject IdCodes codes;
  @Inject AuditTrail audit;

  public Page<InstrumentView> list(boolean includeArchived, int page, int size) {
    int first = Page.firstRow(page, size);
    List<Instrument> instruments =
        orchestra.createNamedQuery("Instrument.all", Instrument.class).getResultList().stream()
            .filter(i -> includeArchived || !Boolean.TRUE.equals(i.getIsArchived()))
            .sorted(DISPLAY_ORDER)
            .toList();
    Counts counts = counts();
    Map<Integer, List<Position>> positions = new HashMap<>();
    for (Position position :
        orchestra.createNamedQuery("Position.all", Position.class).getResultList()) {
      positions.computeIfAbsent(position.getInstrumentId(), id -> new ArrayList<>()).add(position);
    }
    List<InstrumentView> items =
        instruments.stream()
            .skip(first)
            .limit(size)
            .map(i -> view(i, positions.getOrDefault(i.getId(), List.of()), counts))
            .toList();
    return new Page<>(items, instruments.size(), page, size);
  }

  public InstrumentView get(int id) {
    return view(find(id));
  }

  public List<PositionView> positions() {
    Counts counts = counts();
    Map<Integer, Instrument> instruments = new HashMap<>();
    orchestra
        .createNamedQuery("Instrument.all", Instrument.class)
        .getResultList()
        .forEach(i -> instruments.put(i.getId(), i));
    return orchestra.createNamedQuery("Position.all", Position.class).getResultList().stream()
        .sorted(
            Comparator.comparing(
                    (Position p) -> instruments.get(p.getInstrumentId()), DISPLAY_ORDER)
                .thenComparing(Position::getHierarchyLevel)
                .thenComparing(Position::getId))
        .map(p -> PositionView.of(p, counts.ofPosition(p.getId())))
        .toList();
  }

  public PositionView getPosition(int id) {
    return PositionView.of(findPosition(id), counts().ofPosition(id));
  }

  @OrchestraTransactional
  public InstrumentView create(InstrumentInput input) {
    String name = uniqueName(input.name(), null);
    Instrument instrument = new Instrument();
    instrument.setName(name);
    instrument.setDisplayOrder(
        input.displayOrder() != null
            ? input.displayOrder()
            : orchestra
                    .createNamedQuery("Instrument.maxDisplayOrder", Integer.class)
                    .getResultStream()
                    .filter(java.util.Objects::nonNull)
                    .findFirst()
                    .orElse(0)
                + 1);
    instrument.setInstrumentId(codes.next(CodeType.INSTRUMENT));
    orchestra.persist(instrument);
    orchestra.flush();
    List<PositionInput> inputs = input.positions() == null ? List.of() : input.positions();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      PositionInput given = inputs.get(i) == null ? new PositionInput(null, null) : inputs.get(i);
      String positionName = Names.name(given.name(), "name");
      if (names.stream().anyMatch(positionName::equalsIgnoreCase)) {
        throw duplicatePosition(positionName, name);
      }
      names.add(positionName);
      newPosition(instrument, positionName, level(given.hierarchyLevel(), i + 1));
    }
    orchestra.flush();
    InstrumentView view = view(instrument);
    audit.record(Action.CREATE, "Instrument", instrument.getId(), null, snapshot(view));
    return view;
  }

  @OrchestraTransactional
  public InstrumentView update(int id, InstrumentInput input) {
    Instrument instrument = find(id);
    if (input.positions() != null) {
      throw ProblemException.badRequest(
          "Positions are changed through their own calls, not with the instrument.",
          "Tjänster ändras med egna anrop, inte tillsammans med instrumentet.");
    }
    Map<String, Object> before = snapshot(instrument);
    if (input.name() != null) {
      instrument.setName(uniqueName(input.name(), instrument.getId()));
    }
    if (input.displayOrder() != null) {
      instrument.setDisplayOrder(input.displayOrder());
    }
    orchestra.flush();
    audit.record(Action.UPDATE, "Instrument", instrument.getId(), before, snapshot(instrument));
    return view(instrument);
  }

  /**
   * Sets display order 1..n: the request names every non-archived instrument (archived ones may be
   * named too; the others follow in their current order).
   */
  @OrchestraTransactional
  public List<InstrumentView> reorder(List<Integer> instrumentIds) {
    List<Instrument> all =
        orchestra.createNamedQuery("Instrument.all", Instrument.class).getResultList().stream()
            .sorted(DISPLAY_ORDER)
            .toList();
    List<Integer> current = all.stream().map(Instrument::getId).toList();
    List<Integer> order =
        Orderings.arrange(
            instrumentIds,
            current,
            all.stream()
                .filter(i -> !Boolean.TRUE.equals(i.getIsArchived()))
                .map(Instrument::getId)
                .toList(),
            "instruments");
    Map<Integer, Instrument> byId = new HashMap<>();
    all.forEach(i -> byId.put(i.getId(), i));
    Map<String, Object> before = Map.of("instrumentIds", current);
    for (int i = 0; i < order.size(); i++) {
      byId.get(order.get(i)).setDisplayOrder(i + 1);
    }
    orchestra.flush();
    // The order belongs to no single instrument; entity id 0 stands for all of them.
    audit.record(Action.REORDER, "Instrument", 0, before, Map.of("instrumentIds", order));
    return list(true, 1, Page.MAX_SIZE).items();
  }

  @OrchestraTransactional
  public InstrumentView archive(int id, boolean archived) {
    Instrument instrument = find(id);
    if (Boolean.TRUE.equals(instrument.getIsArchived()) == archived) {
      throw archived
          ? ProblemException.conflict(
              "The instrument {0} is already archived.",
              "Instrumentet {0} är redan arkiverat.", instrument.getName())
          : ProblemException.conflict(
              "The instrument {0} is not archived.",
              "Instrumentet {0} är inte arkiverat.", instrument.getName());
    }
    Map<String, Object> before = snapshot(instrument);
    instrument.setIsArchived(archived);
    instrument.setArchivedAt(archived ? Instant.now().truncatedTo(ChronoUnit.MILLIS) : null);
    orchestra.flush();
    audit.record(
        archived ? Action.ARCHIVE : Action.RESTORE,
        "Instrument",
        instrument.getId(),
        before,
        snapshot(instrument));
    return view(instrument);
  }

  @OrchestraTransactional
  public void delete(int id) {
    Instrument instrument = find(id);
    long qualified =
        orchestra
            .createNamedQuery("MusicianQualification.countMusiciansOfInstrument", Long.class)
            .setParameter("instrumentId", id)
            .getSingleResult();
    if (qualified > 0) {
      throw ProblemException.conflict(
          "The instrument {0} cannot be deleted: {1} musician(s) are qualified on its positions."
              + " Remove their qualifications or archive the instrument instead.",
          "Instrumentet {0} kan inte tas bort: {1} musiker är kopplade till dess tjänster. Ta bort"
              + " kopplingarna eller arkivera instrumentet i stället.",
          instrument.getName(),
          qualified);
    }
    List<Position> positions = positionsOf(id);
    for (Position position : positions) {
      refuseWhileProjectsUse(position, "instrument", instrument.getName());
    }
    InstrumentView before = view(instrument);
    for (Position position : positions) {
      forgetCodes(position);
    }
    codes.recordDeleted(CodeType.INSTRUMENT, instrument.getInstrumentId());
    audit.record(Action.DELETE, "Instrument", instrument.getId(), snapshot(before), null);
    orchestra.remove(instrument);
    orchestra.flush();
  }

  @OrchestraTransactional
  public PositionView addPosition(int instrumentId, PositionInput input) {
    Instrument instrument = find(instrumentId);
    String name = uniquePositionName(instrument, input.name(), null);
    int next =
        positionsOf(instrumentId).stream().mapToInt(Position::getHierarchyLevel).max().orElse(0)
            + 1;
    Position position = newPosition(instrument, name, level(input.hierarchyLevel(), next));
    orchestra.flush();
    audit.record(Action.CREATE, "Position", position.getId(), null, snapshot(position));
    return PositionView.of(position, 0);
  }

  @OrchestraTransactional
  public PositionView updatePosition(int id, PositionInput input) {
    Position position = findPosition(id);
    Map<String, Object> before = snapshot(position);
    if (input.name() != null) {
      position.setName(uniquePositionName(find(position.getInstrumentId()), input.name(), id));
    }
    if (input.hierarchyLevel() != null) {
      position.setHierarchyLevel(level(input.hierarchyLevel(), 1));
    }
    orchestra.flush();
    audit.record(Action.UPDATE, "Position", id, before, snapshot(position));
    return PositionView.of(position, counts().ofPosition(id));
  }

  /**
   * Sets hierarchy levels 1..n in the given order, which names exactly the instrument's positions.
   */
  @OrchestraTransactional
  public InstrumentView reorderPositions(int instrumentId, List<Integer> positionIds) {
    Instrument instrument = find(instrumentId);
    List<Position> positions = positionsOf(instrumentId);
    List<Integer> current = positions.stream().map(Position::getId).toList();
    List<Integer> order =
        Orderings.requireExactly(positionIds, current, "positions of this instrument");
    Map<Integer, Position> byId = new HashMap<>();
    positions.forEach(p -> byId.put(p.getId(), p));
    for (int i = 0; i < order.size(); i++) {
      byId.get(order.get(i)).setHierarchyLevel(i + 1);
    }
    orchestra.flush();
    audit.record(
        Action.REORDER,
        "Instrument",
        instrumentId,
        Map.of("positionIds", current),
        Map.of("positionIds", order));
    return view(instrument);
  }

  @OrchestraTransactional
  public void deletePosition(int id) {
    Position position = findPosition(id);
    long qualified =
        orchestra
            .createNamedQuery("MusicianQualification.countOfPosition", Long.class)
            .setParameter("positionId", id)
            .getSingleResult();
    if (qualified > 0) {
      throw ProblemException.conflict(
          "The position {0} cannot be deleted: {1} musician(s) are qualified on it. Remove their"
              + " qualifications first.",
          "Tjänsten {0} kan inte tas bort: {1} musiker är kopplade till den. Ta bort kopplingarna"
              + " först.",
          position.getName(),
          qualified);
    }
    refuseWhileProjectsUse(position, "position", position.getName());
    Map<String, Object> before = snapshot(position);
    forgetCodes(position);
    audit.record(Action.DELETE, "Position", id, before, null);
    orchestra.remove(position);
    orchestra.flush();
  }

  public Instrument find(int id) {
    Instrument instrument = orchestra.find(Instrument.class, id);
    if (instrument == null) {
      throw ProblemException.notFound(
          "There is no instrument {0}.", "Det finns inget instrument {0}.", id);
    }
    return instrument;
  }

  public Position findPosition(int id) {
    Position position = orchestra.find(Position.class, id);
    if (position == null) {
      throw ProblemException.notFound(
          "There is no position {0}.", "Det finns ingen tjänst {0}.", id);
    }
    return position;
  }

  private InstrumentView view(Instrument instrument) {
    return view(instrument, positionsOf(instrument.getId()), counts());
  }

  private InstrumentView view(Instrument instrument, List<Position> positions, Counts counts) {
    return InstrumentView.of(
        instrument,
        counts.ofInstrument(instrument.getId()),
        positions.stream()
            .sorted(
                Comparator.comparing(Position::getHierarchyLevel).thenComparing(Position::getId))
            .map(p -> PositionView.of(p, counts.ofPosition(p.getId())))
            .toList());
  }

  private List<Position> positionsOf(int instrumentId) {
    return orchestra
        .createNamedQuery("Position.ofInstrument", Position.class)
        .setParameter("instrumentId", instrumentId)
        .getResultList();
  }

  private Position newPosition(Instrument instrument, String name, int hierarchyLevel) {
    Position position = new Position();
    position.setInstrument(instrument);
    position.setName(name);
    position.setHierarchyLevel(hierarchyLevel);
    position.setPositionId(codes.next(CodeType.POSITION));
    orchestra.persist(position);
    return position;
  }

  /** A project need or custom list would be cascaded away with the position: refuse instead. */
  private void refuseWhileProjectsUse(Position position, String kind, String name) {
    long needs =
        orchestra
            .createQuery(
                "select count(n) from ProjectNeed n where n.positionId = :positionId", Long.class)
            .setParameter("positionId", position.getId())
            .getSingleResult();
    long customLists =
        orchestra
            .createQuery(
                "select count(c) from CustomRankingList c where c.positionId = :positionId",
                Long.class)
            .setParameter("positionId", position.getId())
            .getSingleResult();
    if (needs + customLists > 0) {
      throw ProblemException.conflict(
          "The {0} {1} cannot be deleted: projects use the position {2} ({3} need(s), {4} custom"
              + " list(s)).",
          "{0} {1} kan inte tas bort: projekt använder tjänsten {2} ({3} behov, {4} anpassade"
              + " listor).",
          kind,
          name,
          position.getName(),
          needs,
          customLists);
    }
  }

  /** The ranking lists go with the position (database cascade); their codes are not reused. */
  private void forgetCodes(Position position) {
    orchestra
        .createNamedQuery("RankingList.ofPosition", RankingList.class)
        .setParameter("positionId", position.getId())
        .getResultList()
        .forEach(list -> codes.recordDeleted(CodeType.RANKING_LIST, list.getRankingListId()));
    codes.recordDeleted(CodeType.POSITION, position.getPositionId());
  }

  private String uniqueName(String given, Integer ownId) {
    String name = Names.name(given, "name");
    boolean taken =
        orchestra
            .createNamedQuery("Instrument.byName", Instrument.class)
            .setParameter("name", name.toLowerCase(java.util.Locale.ROOT))
            .getResultList()
            .stream()
            .anyMatch(other -> !other.getId().equals(ownId));
    if (taken) {
      throw ProblemException.conflict(
          "There is already an instrument named {0}.",
          "Det finns redan ett instrument som heter {0}.", name);
    }
    return name;
  }

  private String uniquePositionName(Instrument instrument, String given, Integer ownId) {
    String name = Names.name(given, "name");
    boolean taken =
        positionsOf(instrument.getId()).stream()
            .anyMatch(p -> p.getName().equalsIgnoreCase(name) && !p.getId().equals(ownId));
    if (taken) {
      throw duplicatePosition(name, instrument.getName());
    }
    return name;
  }

  private static ProblemException duplicatePosition(String name, String instrument) {
    return ProblemException.conflict(
        "The instrument {1} already has a position named {0}.",
        "Instrumentet {1} har redan en tjänst som heter {0}.", name, instrument);
  }

  private static int level(Integer given, int otherwise) {
    if (given == null) {
      return otherwise;
    }
    if (given < 1) {
      throw ProblemException.badRequest(
          "hierarchyLevel starts at 1 (the most senior).",
          "hierarchyLevel börjar på 1 (den högsta).");
    }
    return given;
  }

  private Counts counts() {
    Map<Integer, Long> positions = new HashMap<>();
    for (Object[] row :
        orchestra
            .createNamedQuery("MusicianQualification.countsPerPosition", Object[].class)
            .getResultList()) {
      positions.put((Integer) row[0], (Long) row[1]);
    }
    Map<Integer, Long> instruments = new HashMap<>();
    for (Object[] row :
        orchestra
            .createNamedQuery("MusicianQualification.countsPerInstrument", Object[].class)
            .getResultList()) {
      instruments.put((Integer) row[0], (Long) row[1]);
    }
    return new Counts(positions, instruments);
  }

  /** Non-archived qualified musicians per position, and distinct ones per instrument. */
  private record Counts(Map<Integer, Long> perPosition, Map<Integer, Long> perInstrument) {
    long ofPosition(Integer id) {
      return perPosition.getOrDefault(id, 0L);
    }

    long ofInstrument(Integer id) {
      return perInstrument.getOrDefault(id, 0L);
    }
  }

  private static Map<String, Object> snapshot(Instrument instrument) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("instrumentId", instrument.getInstrumentId());
    values.put("name", instrument.getName());
    values.put("displayOrder", instrument.getDisplayOrder());
    values.put("isArchived", instrument.getIsArchived());
    return values;
  }

  private static Map<String, Object> snapshot(InstrumentView view) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("instrumentId", view.instrumentId());
    values.put("name", view.name());
    values.put("displayOrder", view.displayOrder());
    values.put("isArchived", view.isArchived());
    values.put(
        "positions",
        view.positions().stream()
            .map(
                p ->
                    Map.of(
                        "positionId",
                        p.positionId(),
                        "name",
                        p.name(),
                        "hierarchyLevel",
                        p.hierarchyLevel()))
            .toList());
    return values;
  }

  private static Map<String, Object> snapshot(Position position) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("positionId", position.getPositionId());
    values.put("instrumentId", position.getInstrumentId());
    values.put("name", position.getName());
    values.put("hierarchyLevel", position.getHierarchyLevel());
    return values;
  }
}
