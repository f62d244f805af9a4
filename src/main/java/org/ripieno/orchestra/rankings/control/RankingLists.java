package org.ripieno.orchestra.rankings.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ripieno.orchestra.audit.control.AuditTrail;
import org.ripieno.orchestra.audit.control.AuditTrail.Action;
import org.ripieno.orchestra.codes.control.CodeType;
import org.ripieno.orchestra.codes.control.IdCodes;
import org.ripieno.orchestra.instruments.control.Instruments;
import org.ripieno.orchestra.instruments.control.Names;
import org.ripieno.orchestra.instruments.control.Orderings;
import org.ripieno.orchestra.instruments.entity.Instrument;
import org.ripieno.orchestra.instruments.entity.Position;
import org.ripieno.orchestra.musicians.entity.Musician;
import org.ripieno.orchestra.rankings.boundary.RankedMusician;
import org.ripieno.orchestra.rankings.boundary.RankingListInput;
import org.ripieno.orchestra.rankings.boundary.RankingListView;
import org.ripieno.orchestra.rankings.boundary.RankingOverview;
import org.ripieno.orchestra.rankings.entity.Ranking;
import org.ripieno.orchestra.rankings.entity.RankingList;
import org.ripieno.tenancy.OrchestraData;
import org.ripieno.tenancy.OrchestraTransactional;
import org.ripieno.web.Page;
import org.ripieno.web.ProblemException;

/**
 * The rules for the standard ranking lists (legacy-system.md §2.4): one list of each type A, B, C
 * per position; only qualified, non-archived musicians join, at the end; ranks stay 1..n after
 * every change. Ranks are rewritten through negative values first, because the database checks the
 * unique (list, rank) pair row by row. Each change writes one audit row with the members' order
 * before and after.
 */
@ApplicationScoped
public class RankingLists {

  static final Set<String> LIST_TYPES = Set.of("A", "B", "C");

  @Inject @OrchestraData EntityManager orchestra;
  @Inject IdCodes codes;
  @Inject AuditTrail audit;
  @Inject Instruments instruments;

  public RankingOverview overview() {
    Map<Integer, Long> sizes = new HashMap<>();
    for (Object[] row :
        orchestra.createNamedQuery("Ranking.sizes", Object[].class).getResultList()) {
      sizes.put((Integer) row[0], (Long) row[1]);
    }
    Map<Integer, List<RankingOverview.ListSummary>> lists = new HashMap<>();
    for (RankingList list :
        orchestra.createNamedQuery("RankingList.all", RankingList.class).getResultList()) {
      lists
          .computeIfAbsent(list.getPositionId(), id -> new ArrayList<>())
          .add(
              new RankingOverview.ListSummary(
                  list.getId(),
                  list.getRankingListId(),
                  list.getListType(),
                  list.getDescription(),
                  sizes.getOrDefault(list.getId(), 0L)));
    }
    Map<Integer, List<RankingOverview.PositionLists>> positions = new HashMap<>();
    for (Position position :
        orchestra.createNamedQuery("Position.all", Position.class).getResultList()) {
      positions
          .computeIfAbsent(position.getInstrumentId(), id -> new ArrayList<>())
          .add(
              new RankingOverview.PositionLists(
                  position.getId(),
                  position.getPositionId(),
                  position.getName(),
                  position.getHierarchyLevel(),
                  lists.getOrDefault(position.getId(), List.of())));
    }
    return new RankingOverview(
        orchestra.createNamedQuery("Instrument.all", Instrument.class).getResultList().stream()
            .filter(i -> !Boolean.TRUE.equals(i.getIsArchived()))
            .sorted(Instruments.DISPLAY_ORDER)
            .map(
                i ->
                    new RankingOverview.InstrumentLists(
                        i.getId(),
                        i.getInstrumentId(),
                        i.getName(),
                        positions.getOrDefault(i.getId(), List.of())))
            .toList());
  }

  public RankingListView get(int id) {
    return view(find(id));
  }

  @OrchestraTransactional
  public RankingListView create(RankingListInput input) {
    if (input.positionId() == null) {
      throw ProblemException.badRequest("positionId is required.", "positionId måste anges.");
    }
    Position position = instruments.findPosition(input.positionId());
    String type = input.listType() == null ? "" : input.listType().strip().toUpperCase(Locale.ROOT);
    if (!LIST_TYPES.contains(type)) {
      throw ProblemException.badRequest("listType is A, B or C.", "listType är A, B eller C.");
    }
    boolean exists =
        !orchestra
            .createNamedQuery("RankingList.byPositionAndType", RankingList.class)
            .setParameter("positionId", position.getId())
            .setParameter("listType", type)
            .getResultList()
            .isEmpty();
    if (exists) {
      throw ProblemException.conflict(
          "The position {0} already has a list {1}.",
          "Tjänsten {0} har redan en {1}-lista.", position.getName(), type);
    }
    RankingList list = new RankingList();
    list.setPosition(position);
    list.setListType(type);
    list.setDescription(Names.text(input.description(), "description"));
    list.setRankingListId(codes.next(CodeType.RANKING_LIST));
    orchestra.persist(list);
    orchestra.flush();
    audit.record(Action.CREATE, "RankingList", list.getId(), null, snapshot(list));
    return view(list);
  }

  @OrchestraTransactional
  public RankingListView describe(int id, RankingListInput input) {
    RankingList list = lock(id);
    if (input.positionId() != null || input.listType() != null) {
      throw ProblemException.badRequest(
          "Only the description of a ranking list can be changed.",
          "Bara beskrivningen av en rankningslista kan ändras.");
    }
    Map<String, Object> before = snapshot(list);
    list.setDescription(Names.text(input.description(), "description"));
    orchestra.flush();
    audit.record(Action.UPDATE, "RankingList", id, before, snapshot(list));
    return view(list);
  }

  @OrchestraTransactional
  public void delete(int id) {
    RankingList list = lock(id);
    int members = members(id).size();
    if (members > 0) {
      throw ProblemException.conflict(
          "The ranking list cannot be deleted: it holds {0} musician(s). Clear it first.",
          "Rankningslistan kan inte tas bort: den innehåller {0} musiker. Töm den först.", members);
    }
    long needs =
        orchestra
            .createNamedQuery("RankingList.countNeeds", Long.class)
            .setParameter("listId", id)
            .getSingleResult();
    if (needs > 0) {
      throw ProblemException.conflict(
          "The ranking list cannot be deleted: {0} project need(s) use it.",
          "Rankningslistan kan inte tas bort: {0} behov i projekt använder den.", needs);
    }
    Map<String, Object> before = snapshot(list);
    codes.recordDeleted(CodeType.RANKING_LIST, list.getRankingListId());
    audit.record(Action.DELETE, "RankingList", id, before, null);
    orchestra.remove(list);
    orchestra.flush();
  }

  /** Appends a qualified, non-archived musician at the end of the list. */
  @OrchestraTransactional
  public RankingListView add(int id, Integer musicianId) {
    RankingList list = lock(id);
    if (musicianId == null) {
      throw ProblemException.badRequest("musicianId is required.", "musicianId måste anges.");
    }
    Musician musician = orchestra.find(Musician.class, musicianId);
    if (musician == null) {
      throw ProblemException.badRequest(
          "There is no musician {0}.", "Det finns ingen musiker {0}.", musicianId);
    }
    String name = musician.getFirstName() + " " + musician.getLastName();
    if (Boolean.TRUE.equals(musician.getIsArchived())) {
      throw ProblemException.badRequest(
          "{0} is archived and cannot be ranked.", "{0} är arkiverad och kan inte rankas.", name);
    }
    long qualified =
        orchestra
            .createNamedQuery("MusicianQualification.exists", Long.class)
            .setParameter("musicianId", musicianId)
            .setParameter("positionId", list.getPositionId())
            .getSingleResult();
    if (qualified == 0) {
      throw ProblemException.badRequest(
          "{0} is not qualified for the position {1}.",
          "{0} är inte kvalificerad för tjänsten {1}.", name, list.getPosition().getName());
    }
    List<Integer> before = memberIds(id);
    if (before.contains(musicianId)) {
      throw ProblemException.conflict(
          "{0} is already on this list.", "{0} finns redan på listan.", name);
    }
    Ranking ranking = new Ranking();
    ranking.setRankingList(list);
    ranking.setMusician(musician);
    ranking.setRank(before.size() + 1);
    orchestra.persist(ranking);
    orchestra.flush();
    List<Integer> after = new ArrayList<>(before);
    after.add(musicianId);
    audit.record(Action.UPDATE, "RankingList", id, order(before), order(after));
    return view(list);
  }

  /** Takes a musician off the list; those after move up so the ranks stay 1..n. */
  @OrchestraTransactional
  public RankingListView remove(int id, int musicianId) {
    RankingList list = lock(id);
    List<Ranking> members = members(id);
    Ranking leaving =
        members.stream()
            .filter(r -> r.getMusicianId().equals(musicianId))
            .findFirst()
            .orElseThrow(
                () ->
                    ProblemException.notFound(
                        "Musician {0} is not on this list.",
                        "Musiker {0} finns inte på listan.", musicianId));
    List<Integer> before = ids(members);
    orchestra
        .createNamedQuery("Ranking.remove")
        .setParameter("id", leaving.getId())
        .executeUpdate();
    List<Ranking> staying = members.stream().filter(r -> r != leaving).toList();
    rewriteRanks(id, staying);
    audit.record(Action.UPDATE, "RankingList", id, order(before), order(ids(staying)));
    return view(list);
  }

  /** Puts the members in the given order, which must name exactly the current members. */
  @OrchestraTransactional
  public RankingListView reorder(int id, List<Integer> musicianIds) {
    RankingList list = lock(id);
    List<Ranking> members = members(id);
    List<Integer> before = ids(members);
    List<Integer> order = Orderings.requireExactly(musicianIds, before, "musicians of this list");
    Map<Integer, Ranking> byMusician = new HashMap<>();
    members.forEach(r -> byMusician.put(r.getMusicianId(), r));
    rewriteRanks(id, order.stream().map(byMusician::get).toList());
    audit.record(Action.REORDER, "RankingList", id, order(before), order(order));
    return view(list);
  }

  @OrchestraTransactional
  public RankingListView clear(int id) {
    RankingList list = lock(id);
    List<Integer> before = memberIds(id);
    orchestra.flush();
    orchestra.createNamedQuery("Ranking.clear").setParameter("listId", id).executeUpdate();
    orchestra.clear();
    audit.record(Action.UPDATE, "RankingList", id, order(before), order(List.of()));
    return view(find(id));
  }

  /** Qualified, non-archived musicians not yet on the list: active first, then by name. */
  public Page<RankedMusician> available(int id, int page, int size) {
    int first = Page.firstRow(page, size);
    RankingList list = find(id);
    List<Musician> musicians =
        orchestra
            .createNamedQuery("MusicianQualification.availableFor", Musician.class)
            .setParameter("positionId", list.getPositionId())
            .setParameter("listId", id)
            .getResultList();
    return new Page<>(
        musicians.stream().skip(first).limit(size).map(m -> RankedMusician.of(null, m)).toList(),
        musicians.size(),
        page,
        size);
  }

  public RankingList find(int id) {
    RankingList list = orchestra.find(RankingList.class, id);
    if (list == null) {
      throw ProblemException.notFound(
          "There is no ranking list {0}.", "Det finns ingen rankningslista {0}.", id);
    }
    return list;
  }

  /**
   * The list, locked until the transaction ends: changes to one list's members run one after the
   * other, so two concurrent additions cannot both take rank n+1.
   */
  private RankingList lock(int id) {
    RankingList list = find(id);
    orchestra.lock(list, LockModeType.PESSIMISTIC_WRITE);
    return list;
  }

  /**
   * Ranks 1..n in the given order: first every rank of the list becomes negative, so no final rank
   * can meet a current one under the unique (list, rank) constraint.
   */
  private void rewriteRanks(int listId, List<Ranking> order) {
    orchestra.flush();
    orchestra
        .createNamedQuery("Ranking.negateRanks")
        .setParameter("listId", listId)
        .executeUpdate();
    List<Integer> ranks = RankNumbers.contiguous(order.size());
    for (int i = 0; i < order.size(); i++) {
      orchestra
          .createNamedQuery("Ranking.setRank")
          .setParameter("rank", ranks.get(i))
          .setParameter("id", order.get(i).getId())
          .executeUpdate();
    }
    // The bulk updates bypassed the managed rankings; read them fresh from now on.
    orchestra.clear();
  }

  private RankingListView view(RankingList list) {
    Position position = instruments.findPosition(list.getPositionId());
    Instrument instrument = instruments.find(position.getInstrumentId());
    return new RankingListView(
        list.getId(),
        list.getRankingListId(),
        list.getListType(),
        list.getDescription(),
        new RankingListView.Place(
            position.getId(),
            position.getPositionId(),
            position.getName(),
            position.getHierarchyLevel(),
            instrument.getId(),
            instrument.getName()),
        members(list.getId()).stream()
            .sorted(Comparator.comparing(Ranking::getRank))
            .map(r -> RankedMusician.of(r.getRank(), r.getMusician()))
            .toList());
  }

  private List<Ranking> members(int listId) {
    return orchestra
        .createNamedQuery("Ranking.ofList", Ranking.class)
        .setParameter("listId", listId)
        .getResultList();
  }

  private List<Integer> memberIds(int listId) {
    return ids(members(listId));
  }

  private static List<Integer> ids(List<Ranking> rankings) {
    return rankings.stream().map(Ranking::getMusicianId).toList();
  }

  private static Map<String, Object> order(List<Integer> musicianIds) {
    return Map.of("musicianIds", musicianIds);
  }

  private static Map<String, Object> snapshot(RankingList list) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("rankingListId", list.getRankingListId());
    values.put("positionId", list.getPositionId());
    values.put("listType", list.getListType());
    values.put("description", list.getDescription());
    return values;
  }
}
