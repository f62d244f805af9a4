package org.ripieno.tenancy;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The two kinds of database Ripieno knows, each with its persistence unit, its migrations and the
 * exact set of tables it must hold. The table sets are derived from the persistence units' entity
 * lists in {@code META-INF/persistence.xml}, plus the few tables that are no entity.
 */
public enum DatabaseKind {
  CENTRAL("central", "db/central", Set.of()),
  /**
   * An orchestra database also holds its identity marker and the outbox's send slots ({@code
   * MessageRate}), which no entity maps.
   */
  ORCHESTRA("orchestra", "db/orchestra", Set.of(IdentityMarker.TABLE, "MessageRate"));

  /** Flyway's history table, present in every migrated database of either kind. */
  public static final String MIGRATION_HISTORY_TABLE = "flyway_schema_history";

  private final String unitName;
  private final String migrationLocation;
  private final Set<String> tablesWithoutEntity;
  private volatile Set<String> tables;
  private volatile Map<String, Class<?>> entities;

  DatabaseKind(String unitName, String migrationLocation, Set<String> tablesWithoutEntity) {
    this.unitName = unitName;
    this.migrationLocation = migrationLocation;
    this.tablesWithoutEntity = tablesWithoutEntity;
  }

  public String unitName() {
    return unitName;
  }

  /** Classpath location of this kind's Flyway migrations. */
  public String migrationLocation() {
    return migrationLocation;
  }

  /** The tables that belong to this kind of database (migration history not included). */
  public Set<String> tables() {
    Set<String> result = tables;
    if (result == null) {
      Set<String> all = new LinkedHashSet<>(PersistenceUnitTables.of(unitName));
      all.addAll(tablesWithoutEntity);
      result = Collections.unmodifiableSet(all);
      tables = result;
    }
    return result;
  }

  /**
   * The entity class mapping a table of this kind, empty for a table no entity maps (the identity
   * marker) or that is not of this kind. Lets tools outside the server (ripieno-admin) read what
   * the mapping says about a column, for example which columns hold encrypted secrets.
   */
  public Optional<Class<?>> entityOf(String table) {
    Map<String, Class<?>> result = entities;
    if (result == null) {
      result = Collections.unmodifiableMap(PersistenceUnitTables.entities(unitName));
      entities = result;
    }
    return Optional.ofNullable(result.get(table));
  }

  /** The other kind: where a table of this kind must never appear. */
  public DatabaseKind other() {
    return this == CENTRAL ? ORCHESTRA : CENTRAL;
  }
}
