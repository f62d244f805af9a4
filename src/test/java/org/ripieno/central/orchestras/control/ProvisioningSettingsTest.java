package org.ripieno.central.orchestras.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ripieno.config.RipienoSettings;
import org.ripieno.config.SettingsSource;

class ProvisioningSettingsTest {

  private static ProvisioningSettings from(Map<String, String> properties) {
    return ProvisioningSettings.from(new RipienoSettings(SettingsSource.of(properties, Map.of())));
  }

  @Test
  void eachServerKeepsOneSpareUnlessConfiguredOtherwise() {
    assertThat(from(Map.of()).spares()).isEqualTo(1);
    assertThat(from(Map.of("ripieno.provisioning.spares", "0")).spares()).isZero();
    assertThat(from(Map.of("ripieno.provisioning.spares", "3")).spares()).isEqualTo(3);
  }

  @Test
  void aSpareCountOutsideZeroToEightStopsTheStart() {
    assertThatThrownBy(() -> from(Map.of("ripieno.provisioning.spares", "9")))
        .hasMessageContaining("ripieno.provisioning.spares is 0 to 8");
    assertThatThrownBy(() -> from(Map.of("ripieno.provisioning.spares", "-1")))
        .hasMessageContaining("ripieno.provisioning.spares is 0 to 8");
  }
}
