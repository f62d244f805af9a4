package org.ripieno.datasafety.archive;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.ripieno.tenancy.DatabaseLogin;

/**
 * Rows in every table of the legacy orchestra schema (V1), with the awkward values a copy must
 * keep: quotes, backslashes and non-ASCII text, JSON with nesting, bytes, millisecond times, nulls,
 * and a gap in a serial sequence (a musician inserted and deleted again).
 */
public final class OrchestraRows {

  /** Musicians left after {@link #fill}; ids 1 to 3, the sequence already past 4. */
  public static final int MUSICIANS = 3;

  public static final int PROJECTS = 2;

  private OrchestraRows() {}

  /** Fills an orchestra database at V1 or later; {@code IdSequence} rows only at V1. */
  public static void fill(DatabaseLogin database, boolean legacyIdSequence) throws SQLException {
    try (Connection connection = database.connect();
        Statement sql = connection.createStatement()) {
      sql.execute(
          """
          insert into "Instrument" ("instrumentId", "name", "displayOrder") values
            ('INST001', 'Violin', 1), ('INST002', 'Cello', 2);
          insert into "Position" ("positionId", "instrumentId", "name", "hierarchyLevel") values
            ('POS001', 1, 'Tutti violin', 2), ('POS002', 2, 'Solocellist', 1);
          insert into "Musician" ("musicianId", "firstName", "lastName", "email", "phone",
              "preferredLanguage", "localResidence", "notes", "isActive", "isArchived",
              "archivedAt", "createdAt", "updatedAt") values
            ('MUS001', 'Anna', 'Berg', 'anna@example.org', '+46 70 111', 'sv', true,
             'Notes with "quotes", a \\ backslash, ünïcödé and a
          line break', true, false, null, '2025-06-28 10:00:00.123', '2025-07-01 11:12:13.456'),
            ('MUS002', 'Björn', 'Ek', 'bjorn@example.org', null, 'en', false, null, true, false,
             null, '2025-06-28 10:00:00', '2025-06-28 10:00:00'),
            ('MUS003', 'Cecilia', 'Åberg', 'cecilia@example.org', null, null, false, null,
             false, true, '2025-07-02 08:00:00.5', '2025-06-29 09:00:00', '2025-07-02 08:00:00.5'),
            ('MUS004', 'Deleted', 'Again', 'gone@example.org', null, 'sv', false, null, true,
             false, null, '2025-06-29 09:00:00', '2025-06-29 09:00:00');
          delete from "Musician" where "musicianId" = 'MUS004';
          insert into "MusicianQualification" values (1, 1), (2, 2), (3, 1);
          insert into "RankingList" ("rankingListId", "positionId", "listType", "description")
            values ('RANK001', 1, 'A', 'First choice'), ('RANK002', 2, 'A', null);
          insert into "Ranking" ("rankingId", "listId", "musicianId", "rank") values
            ('RNK001', 1, 1, 1), ('RNK002', 1, 3, 2), ('RNK003', 2, 2, 1);
          insert into "Project" ("projectId", "name", "startDate", "weekNumber",
              "rehearsalSchedule", "concertInfo", "notes", "updatedAt") values
            ('PROJ001', 'Vårkonsert', '2027-03-08 09:00:00.123', 10, 'Mon-Thu', 'Fri 19:00', null,
             '2025-07-01 10:00:00'),
            ('PROJ002', 'Autumn', '2027-10-04 00:00:00', 40, null, null, 'n', '2025-07-01 10:00:00');
          insert into "CustomRankingList" ("customListId", "projectId", "positionId", "name",
              "updatedAt") values ('CLIST001', 1, 1, 'V. 10 Vårkonsert', '2025-07-03 10:00:00');
          insert into "CustomRanking" ("customListId", "musicianId", "rank", "addedAt") values
            (1, 1, 1, '2025-07-03 10:00:00.001'), (1, 3, 2, '2025-07-03 10:00:00.002');
          insert into "ProjectNeed" ("projectNeedId", "projectId", "positionId", "quantity",
              "rankingListId", "customRankingListId", "requestStrategy", "maxRecipients") values
            ('NEED001', 1, 1, 2, 1, null, 'sequential', null),
            ('NEED002', 1, 1, 1, null, 1, 'parallel', 3);
          insert into "Request" ("requestId", "projectNeedId", "musicianId", "status", "sentAt",
              "respondedAt", "response") values
            ('REQ001', 1, 1, 'accepted', '2025-07-04 08:00:00', '2025-07-04 09:30:00', 'yes'),
            ('REQ002', 1, 3, 'pending', '2025-07-04 08:00:00', null, null);
          insert into "RequestToken" ("token", "requestId", "expiresAt") values
            ('tok-aaaaaaaaaaaaaaaa', 2, '2025-07-05 08:00:00');
          insert into "EmailTemplate" ("emailTemplateId", "type", "subject", "body", "variables",
              "updatedAt") values
            ('TMPL001', 'request', 'Förfrågan', 'Hej {{firstName}}!', '["firstName", "projectName"]',
             '2025-07-01 10:00:00');
          insert into "CommunicationLog" ("communicationLogId", "requestId", "type", "emailContent")
            values ('COMM001', 1, 'request_sent', '<p>Hej</p>');
          insert into "ProjectFile" ("projectFileId", "projectId", "fileName", "fileUrl",
              "fileType", "projectNeedId") values
            ('FILE001', 1, 'Noter', '/api/files/f1', 'sheet_music', 1);
          insert into "AuditLog" ("auditLogId", "action", "entityType", "entityId", "oldValues",
              "newValues") values
            ('AUDIT001', 'update', 'musician', 1, '{"a": 1}',
             '{"a": 2, "nested": {"x": [1, 2.5, "s", null, true]}, "big": 12345678901234567890}');
          insert into "DeletedIds" ("entityType", "deletedId") values ('musician', 'MUS004');
          insert into "Settings" ("key", "value", "description", "updatedAt") values
            ('reminder_percentage', '75', null, '2025-07-01 10:00:00');
          insert into "GroupEmailLog" ("projectId", "subject", "message", "recipients",
              "sentCount", "failedCount", "filters") values
            (1, 'Info', 'Text', '[{"id": 1, "name": "Anna"}]', 1, 0, null);
          insert into "FileStorage" ("id", "fileName", "originalName", "mimeType", "size",
              "content", "projectId", "needId") values
            ('f1', 'project-1-need-1.pdf', 'noter.pdf', 'application/pdf', 5,
             '\\x00ff10ab5c'::bytea, 1, 1);
          """);
      if (legacyIdSequence) {
        sql.execute(
            """
            insert into "IdSequence" ("entityType", "lastNumber", "updatedAt") values
              ('musician', 4, '2025-07-01 10:00:00'), ('project', 2, '2025-07-01 10:00:00');
            """);
      } else {
        sql.execute(
            "update \"IdSequence\" set \"lastNumber\" = 4 where \"entityType\" = 'musician'");
      }
    }
  }

  /** Every row of every given table as JSON text, in a stable order, by table. */
  public static Map<String, String> contents(DatabaseLogin database, Iterable<String> tables)
      throws SQLException {
    Map<String, String> contents = new TreeMap<>();
    try (Connection connection = database.connect();
        Statement sql = connection.createStatement()) {
      for (String table : tables) {
        try (ResultSet result =
            sql.executeQuery(
                "select coalesce(json_agg(t order by t::text)::text, '[]') from "
                    + SchemaCatalog.quote(table)
                    + " t")) {
          result.next();
          contents.put(table, result.getString(1));
        }
      }
    }
    return contents;
  }

  public static long count(DatabaseLogin database, String sql) throws SQLException {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }

  public static String text(DatabaseLogin database, String sql) throws SQLException {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      return result.next() ? result.getString(1) : null;
    }
  }
}
