package org.ripieno.datasafety.adoption;

import java.util.List;
import java.util.Objects;
import org.ripieno.tenancy.DatabaseKind;

/**
 * One way a legacy orchestra database differs from the orchestra schema it is compared with, and
 * what adoption does about it.
 *
 * @param table the table concerned
 * @param name the column or foreign key concerned, or null for a whole table
 * @param expected what the orchestra schema has (type, nullability, key actions), or null
 * @param actual what the legacy database has, or null
 * @param repair the SQL that brings this difference to the orchestra schema, run in one transaction
 *     with the other repairs (empty unless {@code handling} is {@link Handling#REPAIRED}; a repair
 *     that covers several differences is attached to one of them)
 */
public record SchemaDifference(
    Kind kind,
    String table,
    String name,
    String expected,
    String actual,
    Handling handling,
    List<String> repair) {

  public SchemaDifference {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(handling, "handling");
    repair = List.copyOf(repair);
  }

  public enum Kind {
    MISSING_TABLE,
    EXTRA_TABLE,
    MISSING_COLUMN,
    EXTRA_COLUMN,
    COLUMN_TYPE,
    COLUMN_NULLABILITY,
    MISSING_FOREIGN_KEY,
    EXTRA_FOREIGN_KEY,
    /** The same key with other ON DELETE / ON UPDATE actions, or under another name. */
    FOREIGN_KEY_DEFINITION
  }

  public enum Handling {
    /**
     * A known legacy table left in place and reported ({@code _prisma_migrations}, and the central
     * tables the legacy incident created in orchestra databases).
     */
    KEPT,
    /**
     * The legacy {@code SystemLog}: its rows go to central {@code SystemLog}, then it is dropped.
     */
    MOVED_TO_CENTRAL,
    /** A known legacy drift that adoption brings to the orchestra schema. */
    REPAIRED,
    /** Anything else: adoption refuses unless forced, and then leaves it as it is. */
    UNEXPECTED
  }

  public boolean isUnexpected() {
    return handling == Handling.UNEXPECTED;
  }

  SchemaDifference handled(Handling newHandling, List<String> newRepair) {
    return new SchemaDifference(kind, table, name, expected, actual, newHandling, newRepair);
  }

  /** Whether the difference is a whole table (missing or extra), not a column or foreign key. */
  public boolean isWholeTable() {
    return kind == Kind.MISSING_TABLE || kind == Kind.EXTRA_TABLE;
  }

  /** One line for an operator, naming the table, the column or key, and what happens. */
  public String describe() {
    String outcome =
        switch (handling) {
          case KEPT -> "kept as it is";
          case MOVED_TO_CENTRAL ->
              "its rows move to central SystemLog with the orchestra's id, then it is dropped";
          case REPAIRED -> "brought to the orchestra schema";
          case UNEXPECTED -> "unexpected";
        };
    return finding(DatabaseKind.ORCHESTRA) + ": " + outcome;
  }

  /**
   * What differs, naming the table and the column or key, without what adoption does about it.
   *
   * @param databaseKind the kind of database whose schema was compared with
   */
  public String finding(DatabaseKind databaseKind) {
    String schema = "the " + databaseKind.unitName() + " schema";
    String subject = name == null ? table : table + "." + name;
    String what =
        switch (kind) {
          case MISSING_TABLE -> "table " + table + " is missing";
          case EXTRA_TABLE ->
              "table "
                  + table
                  + " is not in "
                  + schema
                  + (actual == null ? "" : " (" + actual + ")");
          case MISSING_COLUMN -> "column " + subject + " is missing (expected " + expected + ")";
          case EXTRA_COLUMN -> "column " + subject + " (" + actual + ") is not in " + schema;
          case COLUMN_TYPE ->
              "column " + subject + " has type " + actual + ", expected " + expected;
          case COLUMN_NULLABILITY ->
              "column " + subject + " is " + actual + ", expected " + expected;
          case MISSING_FOREIGN_KEY -> "foreign key " + name + " on " + table + " is missing";
          case EXTRA_FOREIGN_KEY -> "foreign key " + name + " on " + table + " is not in " + schema;
          case FOREIGN_KEY_DEFINITION ->
              "foreign key on " + table + " is " + actual + ", expected " + expected;
        };
    return what;
  }
}
