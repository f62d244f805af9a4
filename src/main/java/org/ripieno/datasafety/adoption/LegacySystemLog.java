package org.ripieno.datasafety.adoption;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code SystemLog} the legacy system kept in orchestra databases (created there by hand and in
 * no orchestra schema): its rows belong in central's {@code SystemLog}, with the orchestra's id.
 * Each row is carried over by column name ({@code row_to_json} on one side, {@code
 * json_populate_record} on the other), so every value arrives as it was.
 *
 * <p>Central and the orchestra database share no transaction, so the move is made safe to repeat:
 * rows are inserted by id, skipping ids central already has; before the orchestra's table is
 * dropped, every one of its ids must be in central under this orchestra. A second run after an
 * interruption finds the rows there and completes the drop.
 */
public final class LegacySystemLog {

  public static final String TABLE = SchemaComparison.SYSTEM_LOG;
  private static final int BATCH = 500;

  private LegacySystemLog() {}

  /**
   * Moves every row of the orchestra database's {@code SystemLog} to central and drops the table.
   * Both connections are left in auto-commit mode.
   *
   * @return the number of rows moved
   * @throws IllegalStateException when central holds one of the ids for another orchestra; then
   *     nothing is committed in central and the orchestra's table stays
   */
  public static long moveToCentral(Connection orchestra, Connection central, String orchestraId)
      throws SQLException {
    orchestra.setAutoCommit(false);
    central.setAutoCommit(false);
    try {
      try (Statement lock = orchestra.createStatement()) {
        // Anything still writing to the legacy table waits, so no row is left behind.
        lock.execute("lock table \"" + TABLE + "\" in exclusive mode");
      }
      long moved = 0;
      try (PreparedStatement insert =
              central.prepareStatement(
                  "insert into \"SystemLog\" select * from json_populate_record("
                      + "null::\"SystemLog\", (?::jsonb || jsonb_build_object('orchestraId',"
                      + " ?::text))::json) on conflict (\"id\") do nothing");
          PreparedStatement rows =
              orchestra.prepareStatement(
                  "select s.\"id\", row_to_json(s)::text from \"" + TABLE + "\" s order by 1")) {
        rows.setFetchSize(BATCH);
        List<String> ids = new ArrayList<>();
        try (ResultSet row = rows.executeQuery()) {
          while (row.next()) {
            ids.add(row.getString(1));
            insert.setString(1, row.getString(2));
            insert.setString(2, orchestraId);
            insert.addBatch();
            if (ids.size() == BATCH) {
              moved += flush(insert, central, orchestraId, ids);
            }
          }
        }
        if (!ids.isEmpty()) {
          moved += flush(insert, central, orchestraId, ids);
        }
      }
      central.commit();
      try (Statement drop = orchestra.createStatement()) {
        drop.execute("drop table \"" + TABLE + "\"");
      }
      orchestra.commit();
      return moved;
    } catch (SQLException | RuntimeException e) {
      central.rollback();
      orchestra.rollback();
      throw e;
    } finally {
      central.setAutoCommit(true);
      orchestra.setAutoCommit(true);
    }
  }

  /** Inserts a batch and checks that central now holds every one of its ids for this orchestra. */
  private static long flush(
      PreparedStatement insert, Connection central, String orchestraId, List<String> ids)
      throws SQLException {
    insert.executeBatch();
    try (PreparedStatement check =
        central.prepareStatement(
            "select count(*) from \"SystemLog\" where \"orchestraId\" = ? and \"id\" = any(?)")) {
      Array array = central.createArrayOf("text", ids.toArray());
      check.setString(1, orchestraId);
      check.setArray(2, array);
      try (ResultSet count = check.executeQuery()) {
        count.next();
        if (count.getLong(1) != ids.size()) {
          throw new IllegalStateException(
              (ids.size() - count.getLong(1))
                  + " SystemLog ids of this orchestra database are already used in central by"
                  + " other entries; nothing was moved");
        }
      }
    }
    long batch = ids.size();
    ids.clear();
    return batch;
  }
}
