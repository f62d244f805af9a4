package org.ripieno.orchestra.groupemail.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ripieno.orchestra.groupemail.control.RecipientFilter.AcceptedPlace;

class RecipientFilterTest {

  // Violin (order 1): positions 10 (leader, level 1) and 11 (tutti, level 2); cello (order 2): 20.
  private static AcceptedPlace violinTutti(int id, String last, String email) {
    return new AcceptedPlace(id, "A", last, email, "sv", 1, "Violin", 1, 11, "Tutti", 2);
  }

  private static AcceptedPlace violinLeader(int id, String last) {
    return new AcceptedPlace(id, "A", last, last + "@x.org", "sv", 1, "Violin", 1, 10, "Leader", 1);
  }

  private static AcceptedPlace cello(int id, String last) {
    return new AcceptedPlace(id, "A", last, last + "@x.org", "en", 2, "Cello", 2, 20, "Tutti", 1);
  }

  private final List<AcceptedPlace> accepted =
      List.of(
          cello(3, "Cellist"),
          violinTutti(1, "Berg", "berg@x.org"),
          violinLeader(2, "Ahl"),
          violinTutti(4, "Noaddress", " "),
          // Musician 2 accepted a cello place too: one recipient, both places named.
          cello(2, "Ahl"));

  @Test
  void withoutFiltersEveryAcceptedMusicianWithAnAddressOnceInInstrumentAndPositionOrder() {
    List<GroupRecipient> all = RecipientFilter.choose(accepted, Set.of(), Set.of());
    assertThat(all).extracting(GroupRecipient::id).containsExactly(2, 1, 3);
    assertThat(all.get(0).acceptedFor()).isEqualTo("Violin - Leader, Cello - Tutti");
  }

  @Test
  void anInstrumentFilterKeepsThoseWithAnAcceptedPlaceOfThatInstrument() {
    assertThat(RecipientFilter.choose(accepted, Set.of(2), Set.of()))
        .extracting(GroupRecipient::id)
        .containsExactly(2, 3);
  }

  @Test
  void bothFiltersMustMatchTheSamePlace() {
    assertThat(RecipientFilter.choose(accepted, Set.of(1), Set.of(11)))
        .extracting(GroupRecipient::id)
        .containsExactly(1);
    assertThat(RecipientFilter.choose(accepted, Set.of(2), Set.of(11))).isEmpty();
  }

  @Test
  void aPositionFilterAloneWorksAcrossInstruments() {
    assertThat(RecipientFilter.choose(accepted, Set.of(), Set.of(10, 20)))
        .extracting(GroupRecipient::id)
        .containsExactly(2, 3);
  }
}
