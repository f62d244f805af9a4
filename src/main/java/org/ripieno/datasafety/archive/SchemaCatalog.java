package org.ripieno.datasafety.archive;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The shape of a database's {@code public} schema as PostgreSQL's catalog describes it: tables with
 * their columns (type and nullability), primary keys, the sequences their serial columns own, and
 * foreign keys with their actions. Read from the database itself, never from a hand-written list,
 * so the archive and the adoption check follow whatever the migrations create.
 */
public record SchemaCatalog(Map<String, Table> tables, List<ForeignKey> foreignKeys) {

  public SchemaCatalog {
    tables = Map.copyOf(tables);
    foreignKeys = List.copyOf(foreignKeys);
  }

  /**
   * One table.
   *
   * @param columns in the table's column order
   * @param primaryKey the primary key's columns in key order (empty when the table has none)
   * @param sequences the sequence each serial column owns, by column name
   */
  public record Table(
      String name, List<Column> columns, List<String> primaryKey, Map<String, String> sequences) {

    public Table {
      columns = List.copyOf(columns);
      primaryKey = List.copyOf(primaryKey);
      sequences = Map.copyOf(sequences);
    }

    public Optional<Column> column(String columnName) {
      return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public List<String> columnNames() {
      return columns.stream().map(Column::name).toList();
    }
  }

  /**
   * One column.
   *
   * @param type as {@code format_type} writes it, e.g. {@code timestamp(3) without time zone}
   * @param defaultExpression the default as PostgreSQL prints it, or null
   */
  public record Column(String name, String type, boolean notNull, String defaultExpression) {}

  /**
   * One foreign key.
   *
   * @param onDelete the action as SQL writes it: {@code NO ACTION}, {@code RESTRICT}, {@code
   *     CASCADE}, {@code SET NULL} or {@code SET DEFAULT}
   */
  public record ForeignKey(
      String name,
      String table,
      List<String> columns,
      String referencedTable,
      List<String> referencedColumns,
      String onDelete,
      String onUpdate) {

    public ForeignKey {
      columns = List.copyOf(columns);
      referencedColumns = List.copyOf(referencedColumns);
    }

    /** What the key connects, without its name and actions: how two databases' keys are paired. */
    public String connection() {
      return table + columns + " -> " + referencedTable + referencedColumns;
    }

    /** The clause that creates this key, for {@code ALTER TABLE ... ADD}. */
    public String definition() {
      return "CONSTRAINT "
          + quote(name)
          + " FOREIGN KEY ("
          + quoteAll(columns)
          + ") REFERENCES "
          + quote(referencedTable)
          + "("
          + quoteAll(referencedColumns)
          + ") ON DELETE "
          + onDelete
          + " ON UPDATE "
          + onUpdate;
    }
  }

  public Optional<Table> table(String name) {
    return Optional.ofNullable(tables.get(name));
  }

  public List<ForeignKey> foreignKeysOf(String table) {
    return foreignKeys.stream().filter(key -> key.table().equals(table)).toList();
  }

  /**
   * The given tables in an order in which rows can be inserted without breaking a foreign key:
   * every table after the tables it references. Ties are broken by name, so the order is stable.
   * References to tables outside the set, and of a table to itself, impose no order.
   *
   * @throws IllegalStateException when the tables reference each other in a cycle
   */
  public List<String> insertionOrder(Collection<String> tableNames) {
    Set<String> wanted = new TreeSet<>(tableNames);
    Map<String, Set<String>> parents = new HashMap<>();
    for (String table : wanted) {
      parents.put(table, new TreeSet<>());
    }
    for (ForeignKey key : foreignKeys) {
      if (wanted.contains(key.table())
          && wanted.contains(key.referencedTable())
          && !key.table().equals(key.referencedTable())) {
        parents.get(key.table()).add(key.referencedTable());
      }
    }
    List<String> order = new ArrayList<>();
    Set<String> placed = new LinkedHashSet<>();
    while (placed.size() < wanted.size()) {
      String next = null;
      for (String table : wanted) {
        if (!placed.contains(table) && placed.containsAll(parents.get(table))) {
          next = table;
          break;
        }
      }
      if (next == null) {
        Set<String> left = new TreeSet<>(wanted);
        left.removeAll(placed);
        throw new IllegalStateException("The foreign keys of " + left + " form a cycle");
      }
      placed.add(next);
      order.add(next);
    }
    return order;
  }

  /** Reads the {@code public} schema of the database behind {@code connection}. */
  public static SchemaCatalog read(Connection connection) throws SQLException {
    Map<String, List<Column>> columns = new TreeMap<>();
    try (PreparedStatement query = connection.prepareStatement(COLUMNS);
        ResultSet row = query.executeQuery()) {
      while (row.next()) {
        columns
            .computeIfAbsent(row.getString(1), t -> new ArrayList<>())
            .add(
                new Column(
                    row.getString(2), row.getString(3), row.getBoolean(4), row.getString(5)));
      }
    }
    try (PreparedStatement query = connection.prepareStatement(TABLES);
        ResultSet row = query.executeQuery()) {
      while (row.next()) {
        columns.computeIfAbsent(row.getString(1), t -> new ArrayList<>());
      }
    }
    Map<String, List<String>> primaryKeys = new HashMap<>();
    try (PreparedStatement query = connection.prepareStatement(PRIMARY_KEYS);
        ResultSet row = query.executeQuery()) {
      while (row.next()) {
        primaryKeys.put(row.getString(1), strings(row.getArray(2)));
      }
    }
    Map<String, Map<String, String>> sequences = new HashMap<>();
    try (PreparedStatement query = connection.prepareStatement(OWNED_SEQUENCES);
        ResultSet row = query.executeQuery()) {
      while (row.next()) {
        sequences
            .computeIfAbsent(row.getString(1), t -> new LinkedHashMap<>())
            .put(row.getString(2), row.getString(3));
      }
    }
    List<ForeignKey> foreignKeys = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(FOREIGN_KEYS);
        ResultSet row = query.executeQuery()) {
      while (row.next()) {
        foreignKeys.add(
            new ForeignKey(
                row.getString(1),
                row.getString(2),
                strings(row.getArray(3)),
                row.getString(4),
                strings(row.getArray(5)),
                action(row.getString(6)),
                action(row.getString(7))));
      }
    }
    Map<String, Table> tables = new TreeMap<>();
    columns.forEach(
        (name, tableColumns) ->
            tables.put(
                name,
                new Table(
                    name,
                    tableColumns,
                    primaryKeys.getOrDefault(name, List.of()),
                    sequences.getOrDefault(name, Map.of()))));
    return new SchemaCatalog(tables, foreignKeys);
  }

  /** A quoted identifier: the legacy names are case-sensitive. */
  public static String quote(String identifier) {
    return '"' + Objects.requireNonNull(identifier, "identifier").replace("\"", "\"\"") + '"';
  }

  static String quoteAll(List<String> identifiers) {
    return String.join(", ", identifiers.stream().map(SchemaCatalog::quote).toList());
  }

  private static List<String> strings(Array array) throws SQLException {
    try {
      return List.of((String[]) array.getArray());
    } finally {
      array.free();
    }
  }

  private static String action(String code) {
    return switch (code) {
      case "a" -> "NO ACTION";
      case "r" -> "RESTRICT";
      case "c" -> "CASCADE";
      case "n" -> "SET NULL";
      case "d" -> "SET DEFAULT";
      default -> throw new IllegalStateException("Unknown foreign key action code " + code);
    };
  }

  private static final String PUBLIC_TABLE =
      " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
          + " where n.nspname = 'public' and c.relkind in ('r', 'p')";

  private static final String TABLES = "select c.relname from pg_catalog.pg_class c" + PUBLIC_TABLE;

  private static final String COLUMNS =
      "select c.relname, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),"
          + " a.attnotnull, pg_catalog.pg_get_expr(d.adbin, d.adrelid)"
          + " from pg_catalog.pg_attribute a"
          + " join pg_catalog.pg_class c on c.oid = a.attrelid"
          + " left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum"
          + PUBLIC_TABLE
          + " and a.attnum > 0 and not a.attisdropped"
          + " order by c.relname, a.attnum";

  private static final String KEY_COLUMNS =
      "array(select a.attname::text from unnest(%1$s) with ordinality k(attnum, position)"
          + " join pg_catalog.pg_attribute a on a.attrelid = %2$s and a.attnum = k.attnum"
          + " order by k.position)";

  private static final String PRIMARY_KEYS =
      "select c.relname, "
          + KEY_COLUMNS.formatted("con.conkey", "con.conrelid")
          + " from pg_catalog.pg_constraint con"
          + " join pg_catalog.pg_class c on c.oid = con.conrelid"
          + PUBLIC_TABLE
          + " and con.contype = 'p'";

  private static final String FOREIGN_KEYS =
      "select con.conname, c.relname, "
          + KEY_COLUMNS.formatted("con.conkey", "con.conrelid")
          + ", r.relname, "
          + KEY_COLUMNS.formatted("con.confkey", "con.confrelid")
          + ", con.confdeltype, con.confupdtype"
          + " from pg_catalog.pg_constraint con"
          + " join pg_catalog.pg_class c on c.oid = con.conrelid"
          + " join pg_catalog.pg_class r on r.oid = con.confrelid"
          + PUBLIC_TABLE
          + " and con.contype = 'f'"
          + " order by c.relname, con.conname";

  /** Sequences owned by a column: {@code SERIAL} ('a'uto) and identity ('i'nternal) columns. */
  private static final String OWNED_SEQUENCES =
      "select c.relname, a.attname, s.relname"
          + " from pg_catalog.pg_class s"
          + " join pg_catalog.pg_depend d on d.objid = s.oid"
          + "  and d.classid = 'pg_catalog.pg_class'::regclass"
          + "  and d.refclassid = 'pg_catalog.pg_class'::regclass and d.deptype in ('a', 'i')"
          + " join pg_catalog.pg_class c on c.oid = d.refobjid"
          + " join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum = d.refobjsubid"
          + PUBLIC_TABLE
          + " and s.relkind = 'S'";
}
