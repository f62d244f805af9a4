package org.ripieno.datasafety;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

class SqlErrorsTest {

  private static PSQLException serverError(
      String state, String message, String table, String column) {
    return new PSQLException(
        new ServerErrorMessage(
            "SERROR\0C"
                + state
                + "\0M"
                + message
                + "\0DFailing row contains (u-1, secret-hash).\0t"
                + table
                + "\0c"
                + column
                + "\0"));
  }

  @Test
  void inWordsNamesTheKindTheTableTheColumnAndTheCodeButNoSqlOrRow() {
    String words =
        SqlErrors.inWords(
            serverError(
                "23502",
                "null value in column \"email\" of relation \"User\" violates not-null constraint",
                "User",
                "email"));
    assertThat(words)
        .isEqualTo("a required value is missing (table User, column email, database code 23502)")
        .doesNotContain("relation", "secret-hash", "\"");
  }

  @Test
  void inWordsOfAnErrorWithoutAServerMessageKeepsToItsCode() {
    assertThat(SqlErrors.inWords(new SQLException("bad input \"x\"", "22P02")))
        .isEqualTo("a value has the wrong form or type (database code 22P02)");
  }
}
