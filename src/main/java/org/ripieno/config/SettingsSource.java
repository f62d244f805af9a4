package org.ripieno.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Where {@link RipienoSettings} reads its keys: MicroProfile Config inside the server, or (for
 * tools that run without the server, such as {@code ripieno-admin}) a properties map and the
 * environment, with the environment-variable spelling MicroProfile Config uses ({@code
 * ripieno.central.url} as {@code RIPIENO_CENTRAL_URL}), so both read the same configuration.
 */
public interface SettingsSource {

  Optional<String> value(String key);

  /** Every key (or environment variable) this source knows, for keys with a variable part. */
  Iterable<String> names();

  static SettingsSource microProfile() {
    return new SettingsSource() {
      @Override
      public Optional<String> value(String key) {
        return ConfigProvider.getConfig().getOptionalValue(key, String.class);
      }

      @Override
      public Iterable<String> names() {
        return ConfigProvider.getConfig().getPropertyNames();
      }
    };
  }

  /**
   * Properties first, then the environment: the order of MicroProfile Config's system properties
   * (400) over environment (300) does not apply, a file named on the command line is the more
   * deliberate choice.
   */
  static SettingsSource of(Map<String, String> properties, Map<String, String> environment) {
    return new SettingsSource() {
      @Override
      public Optional<String> value(String key) {
        String fromProperties = properties.get(key);
        return fromProperties != null
            ? Optional.of(fromProperties)
            : Optional.ofNullable(environment.get(environmentName(key)));
      }

      @Override
      public Iterable<String> names() {
        List<String> names = new ArrayList<>(properties.keySet());
        names.addAll(environment.keySet());
        return names;
      }
    };
  }

  /** MicroProfile Config's mapping: every character other than a letter or digit becomes _. */
  static String environmentName(String key) {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }
}
