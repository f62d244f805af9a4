package org.ripieno.datasafety.central.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ripieno.tenancy.DatabaseKind;

/**
 * Ripieno's central export format: {@code formatVersion}, {@code exportDate}, and one array per
 * central table under the legacy export's naming ({@code orchestras}, {@code users}) extended to
 * the other tables ({@code customers}, {@code systemLogs}). The tables are those of {@link
 * DatabaseKind#CENTRAL}; each row holds every column as PostgreSQL renders it.
 */
public final class CentralFormat {

  public static final String KIND = "ripieno-central-export";
  public static final int FORMAT_VERSION = 1;

  private CentralFormat() {}

  /** The array key of a table: {@code Orchestra} is {@code orchestras}. */
  public static String key(String table) {
    return table.substring(0, 1).toLowerCase(Locale.ROOT) + table.substring(1) + "s";
  }

  /** The central tables, referenced ones first (an orchestra before its accounts). */
  public static List<String> tables() {
    List<String> tables = new ArrayList<>(DatabaseKind.CENTRAL.tables());
    // User refers to Orchestra; the other two refer to nothing (SystemLog names ids as text).
    tables.sort((a, b) -> Integer.compare(rank(a), rank(b)));
    return tables;
  }

  private static int rank(String table) {
    return "Orchestra".equals(table) ? 0 : 1;
  }
}
