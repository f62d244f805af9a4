package org.ripieno.orchestra.settings.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ripieno.web.ProblemException;

class SettingsRulesTest {

  @Test
  void theReminderPercentageIsAWholeNumberFrom1To99() {
    assertThat(SettingsRules.checked("reminder_percentage", new BigDecimal("80"))).isEqualTo("80");
    assertThat(SettingsRules.checked("reminder_percentage", "05")).isEqualTo("5");
    assertThat(SettingsRules.checked("reminder_percentage", "99")).isEqualTo("99");
    for (Object wrong : new Object[] {"0", "100", new BigDecimal("50.5"), "-3", "abc", ""}) {
      assertThatThrownBy(() -> SettingsRules.checked("reminder_percentage", wrong))
          .as(String.valueOf(wrong))
          .isInstanceOf(ProblemException.class)
          .hasMessageContaining("1 to 99");
    }
  }

  @Test
  void theConflictStrategyIsOneOfThree() {
    assertThat(SettingsRules.checked("ranking_conflict_strategy", "smart")).isEqualTo("smart");
    assertThatThrownBy(() -> SettingsRules.checked("ranking_conflict_strategy", "clever"))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("simple, detailed, smart");
  }

  @Test
  void sameWeekConflictsIsWarnOrSkipAndDefaultsToWarn() {
    assertThat(SettingsRules.checked("same_week_conflicts", " skip ")).isEqualTo("skip");
    assertThat(SettingsRules.defaultValue("same_week_conflicts")).isEqualTo("warn");
    assertThat(SettingsRules.description("same_week_conflicts")).contains("warn", "skip");
    assertThatThrownBy(() -> SettingsRules.checked("same_week_conflicts", "ignore"))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("warn or skip");
  }

  @Test
  void theTimeZoneIsARegion() {
    assertThat(SettingsRules.checked("time_zone", "America/New_York"))
        .isEqualTo("America/New_York");
    for (String wrong : new String[] {"Mars/Olympus", "+02:00", "UTC", "Europe/"}) {
      assertThatThrownBy(() -> SettingsRules.checked("time_zone", wrong))
          .as(wrong)
          .isInstanceOf(ProblemException.class)
          .hasMessageContaining("time_zone");
    }
  }

  @Test
  void unknownKeysAndMissingValuesAreRefused() {
    assertThatThrownBy(() -> SettingsRules.checked("conflictHandlingStrategy", "simple"))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("no setting conflictHandlingStrategy");
    assertThatThrownBy(() -> SettingsRules.checked("time_zone", null))
        .isInstanceOf(ProblemException.class);
  }

  @Test
  void theTimeZoneDefaultsToStockholm() {
    assertThat(SettingsRules.timeZone(Map.of())).isEqualTo(ZoneId.of("Europe/Stockholm"));
    assertThat(SettingsRules.timeZone(Map.of("time_zone", "broken")))
        .isEqualTo(ZoneId.of("Europe/Stockholm"));
    assertThat(SettingsRules.timeZone(Map.of("time_zone", "Asia/Tokyo")))
        .isEqualTo(ZoneId.of("Asia/Tokyo"));
    assertThat(SettingsRules.defaultValue("reminder_percentage")).isEqualTo("75");
  }
}
