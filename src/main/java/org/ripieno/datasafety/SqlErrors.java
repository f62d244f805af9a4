package org.ripieno.datasafety;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * PostgreSQL errors as a person may read them: what failed and where (table, column, constraint,
 * type, SQLState), never the row contents the server adds. The driver's own message carries the
 * server's {@code Detail} ({@code Failing row contains (...)}, {@code Key (email)=(...)}), which
 * for central rows holds password hashes, encrypted secrets and personal data; a batch error
 * carries the statement with its parameters. Neither belongs in a terminal, a log or an HTTP
 * answer.
 */
public final class SqlErrors {

  private static final String WITHHELD = "(value withheld)";

  private SqlErrors() {}

  /** The error without row contents. */
  public static String describe(SQLException error) {
    ServerErrorMessage server = serverMessage(error);
    if (server != null) {
      return describe(server);
    }
    String state = error.getSQLState();
    if (error instanceof BatchUpdateException) {
      // Its message is the failed statement with its parameters: the rows themselves.
      return "a batch of statements failed" + stateSuffix(state);
    }
    if (state != null && state.startsWith("22")) {
      // A value the driver could not convert, which its message quotes.
      return "a value could not be converted" + stateSuffix(state);
    }
    // Raised by the driver itself (connection refused, timeout, closed connection): no row data.
    return String.valueOf(error.getMessage());
  }

  /**
   * The error in words, for answers to people (an HTTP refusal, the operators' terminal): what kind
   * of value was refused, where (table, column, constraint: names of the schema, never row
   * contents) and the database's code; neither SQL nor the server's message, which quotes relations
   * and sometimes values.
   */
  public static String inWords(SQLException error) {
    ServerErrorMessage server = serverMessage(error);
    String state = server != null ? server.getSQLState() : error.getSQLState();
    String code = state == null ? "" : state;
    String what =
        switch (code) {
          case "23502" -> "a required value is missing";
          case "23503" -> "a reference points to a row that does not exist";
          case "23505" -> "a value that must be unique is already taken";
          default ->
              code.startsWith("22")
                  ? "a value has the wrong form or type"
                  : code.startsWith("23") ? "a value breaks a rule of the table" : "refused";
        };
    List<String> where = new ArrayList<>();
    if (server != null) {
      add(where, "table", server.getTable());
      add(where, "column", server.getColumn());
      add(where, "constraint", server.getConstraint());
    }
    if (state != null) {
      where.add("database code " + state);
    }
    return what + (where.isEmpty() ? "" : " (" + String.join(", ", where) + ")");
  }

  /**
   * A failure that may have a PostgreSQL error among its causes (Flyway's, for one, quotes the
   * driver's message): its first line, then the database error described without row contents.
   */
  public static String describeFailure(Throwable failure) {
    if (failure instanceof SQLException sql) {
      return describe(sql);
    }
    for (Throwable cause = failure.getCause();
        cause != null && cause != failure;
        cause = cause.getCause()) {
      if (cause instanceof SQLException sql) {
        String message = failure.getMessage() == null ? "" : failure.getMessage().strip();
        String first = message.lines().findFirst().orElse("");
        return (first.isEmpty() ? failure.getClass().getSimpleName() : first)
            + ": "
            + describe(sql);
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return String.valueOf(failure.getMessage());
  }

  private static String describe(ServerErrorMessage server) {
    String state = server.getSQLState();
    String message = String.valueOf(server.getMessage());
    if (state != null && state.startsWith("22")) {
      // Data exceptions quote the offending value ("invalid input syntax for type integer: "x"").
      int first = message.indexOf('"');
      int last = message.lastIndexOf('"');
      if (first >= 0) {
        message =
            message.substring(0, first)
                + WITHHELD
                + (last > first ? message.substring(last + 1) : "");
      }
    }
    List<String> where = new ArrayList<>();
    add(where, "table", server.getTable());
    add(where, "column", server.getColumn());
    add(where, "constraint", server.getConstraint());
    add(where, "type", server.getDatatype());
    return message
        + (where.isEmpty() ? "" : " (" + String.join(", ", where) + ")")
        + stateSuffix(state);
  }

  private static void add(List<String> where, String what, String name) {
    if (name != null && !name.isEmpty()) {
      where.add(what + " " + name);
    }
  }

  private static String stateSuffix(String state) {
    return state == null ? "" : " [SQLState " + state + "]";
  }

  /** The server's error behind the exception, its next exception (batches) or its causes. */
  private static ServerErrorMessage serverMessage(SQLException error) {
    for (SQLException e = error; e != null; e = e.getNextException()) {
      for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
        if (t instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
          return psql.getServerErrorMessage();
        }
      }
      if (e.getNextException() == e) {
        break;
      }
    }
    return null;
  }
}
