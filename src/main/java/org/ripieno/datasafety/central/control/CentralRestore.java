package org.ripieno.datasafety.central.control;

import static org.ripieno.datasafety.TableRows.quote;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ripieno.datasafety.JsonDocuments.InvalidDocumentException;
import org.ripieno.datasafety.SqlErrors;
import org.ripieno.datasafety.TableRows;
import org.ripieno.datasafety.schema.control.CentralTarget;
import org.ripieno.datasafety.schema.control.TableStructure;
import org.ripieno.security.Role;
import org.ripieno.security.secrets.SecretBox;
import org.ripieno.tenancy.DatabaseKind;

/**
 * Restores a central export, Ripieno's ({@link CentralFormat}) or the legacy one ({@link
 * LegacyCentralFormat}), in one transaction:
 *
 * <ul>
 *   <li>a target that is not empty is refused unless merging (empty: no orchestra, no customer, no
 *       account but the bootstrap superadmin; log entries do not count). A superadmin in the file
 *       with the bootstrap superadmin's username replaces it;
 *   <li>a username, email or other unique value that exists under another id stops the restore,
 *       named;
 *   <li>rows are upserted by id, orchestras before the accounts that refer to them; a row whose
 *       stored state equals the file's (secrets compared decrypted: two ciphertexts of one secret
 *       are the same state) is left as it is, so a second run changes nothing;
 *   <li>every row is then read back and compared with the file; the report gives, per table, the
 *       rows in the file, written, found identical and verified, and the restore fails (rolled
 *       back) unless every row verifies.
 * </ul>
 *
 * Columns a file lacks get their column default on a new row and keep their stored value on an
 * existing one; secrets left out of an export keep the stored value (or stay empty on a new row; a
 * new account without a password hash gets one that no password matches). A legacy file's plaintext
 * API key is stored as its hash ({@link LegacyCentralFormat#apiKeyHashed}); a Ripieno export is
 * restored as it is, column for column.
 */
public final class CentralRestore {

  /** The username {@code SuperadminBootstrap} gives the first superadmin. */
  static final String BOOTSTRAP_SUPERADMIN = "superadmin";

  /** A password hash no password matches (not bcrypt), for accounts restored without theirs. */
  static final String NO_PASSWORD = "!restored-without-password";

  private static final DateTimeFormatter LOCAL_TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

  private CentralRestore() {}

  public record Options(boolean merge, boolean dryRun) {}

  /**
   * @param written rows inserted or changed
   * @param identical rows whose stored state already equalled the file's
   * @param verified rows that, read back, equal the file's
   */
  @Schema(name = "RestoreTableResult")
  public record TableResult(String table, int inFile, int written, int identical, int verified) {
    public boolean matches() {
      return verified == inFile && written + identical == inFile;
    }
  }

  @Schema(
      name = "RestoreReport",
      description = "A central restore: what each table held in the file and in central")
  public record Report(
      String database,
      String format,
      boolean dryRun,
      boolean committed,
      List<TableResult> tables,
      List<String> notes) {

    public boolean ok() {
      return tables.stream().allMatch(TableResult::matches);
    }

    public JsonObject toJson() {
      JsonArrayBuilder tableArray = Json.createArrayBuilder();
      for (TableResult t : tables) {
        tableArray.add(
            Json.createObjectBuilder()
                .add("table", t.table())
                .add("inFile", t.inFile())
                .add("written", t.written())
                .add("identical", t.identical())
                .add("verified", t.verified())
                .add("matches", t.matches()));
      }
      JsonArrayBuilder noteArray = Json.createArrayBuilder();
      notes.forEach(noteArray::add);
      return Json.createObjectBuilder()
          .add("database", database)
          .add("format", format)
          .add("dryRun", dryRun)
          .add("ok", ok())
          .add("committed", committed)
          .add("tables", tableArray)
          .add("notes", noteArray)
          .build();
    }
  }

  /** Why a restore did not start, or stopped; nothing was changed. */
  public enum Refusal {
    /** The target holds data and merging was not asked for. */
    NOT_EMPTY,
    /** A unique value of the file exists under another id. */
    CONFLICT,
    /** The file is not a central export this code reads. */
    INVALID_FILE,
    /** The target is not a (migrated) central database. */
    NOT_CENTRAL,
    /** An encrypted secret of the file cannot be decrypted with the configured keys. */
    SECRET_KEY
  }

  public static final class RestoreRefusedException extends IllegalStateException {
    private final Refusal reason;

    public RestoreRefusedException(Refusal reason, String message) {
      super(message);
      this.reason = reason;
    }

    public Refusal reason() {
      return reason;
    }
  }

  /** The file's rows per central table, and what to keep of the stored rows. */
  record Parsed(
      String format,
      Map<String, List<JsonObject>> rows,
      Map<String, Set<String>> kept,
      List<String> notes) {}

  /** Reads either format into rows per table (no database needed). */
  static Parsed parse(JsonObject file) {
    Map<String, List<JsonObject>> rows = new LinkedHashMap<>();
    Map<String, Set<String>> kept = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    if (file.containsKey("formatVersion")) {
      if (!(file.get("formatVersion") instanceof jakarta.json.JsonNumber version)
          || version.intValue() != CentralFormat.FORMAT_VERSION) {
        throw new RestoreRefusedException(
            Refusal.INVALID_FILE,
            "The file has central export format version "
                + file.get("formatVersion")
                + "; this version of Ripieno reads "
                + CentralFormat.FORMAT_VERSION);
      }
      boolean secretsIncluded = file.getBoolean("secretsIncluded", true);
      for (String table : CentralFormat.tables()) {
        rows.put(table, objects(file, CentralFormat.key(table)));
        kept.put(table, secretsIncluded ? Set.of() : CentralSecrets.leftOutWithoutSecrets(table));
      }
      if (!secretsIncluded) {
        notes.add("the file holds no secrets: stored secrets are kept, new rows get none");
      }
      return new Parsed("ripieno", rows, kept, notes);
    }
    if (!LegacyCentralFormat.isLegacy(file)) {
      throw new RestoreRefusedException(
          Refusal.INVALID_FILE,
          "The file is neither a Ripieno central export (formatVersion) nor a legacy"
              + " main-tables export (orchestras and users)");
    }
    List<JsonObject> orchestras = new ArrayList<>();
    try {
      for (JsonObject legacy : objects(file, "orchestras")) {
        LegacyCentralFormat.Converted converted = LegacyCentralFormat.orchestra(legacy);
        orchestras.add(converted.row());
        notes.addAll(converted.notes());
      }
    } catch (InvalidDocumentException e) {
      throw new RestoreRefusedException(Refusal.INVALID_FILE, e.getMessage());
    }
    for (String table : CentralFormat.tables()) {
      rows.put(table, List.of());
      kept.put(table, Set.of());
    }
    rows.put("Orchestra", orchestras);
    rows.put("User", objects(file, "users").stream().map(LegacyCentralFormat::user).toList());
    return new Parsed("legacy", rows, kept, notes);
  }

  private static List<JsonObject> objects(JsonObject file, String key) {
    JsonValue value = file.get(key);
    if (value == null || value == JsonValue.NULL) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw new RestoreRefusedException(Refusal.INVALID_FILE, key + " is not an array");
    }
    List<JsonObject> rows = new ArrayList<>();
    for (JsonValue row : array) {
      if (row.getValueType() != JsonValue.ValueType.OBJECT) {
        throw new RestoreRefusedException(Refusal.INVALID_FILE, key + " holds a non-object");
      }
      rows.add(row.asJsonObject());
    }
    return rows;
  }

  /**
   * Restores the file into central, which must already hold the central schema (the caller creates
   * it in a brand-new database). Commits only when every row verifies and it is not a dry run.
   */
  public static Report restore(Connection central, JsonObject file, Options options, SecretBox box)
      throws SQLException {
    Parsed parsed = parse(file);
    boolean autoCommit = central.getAutoCommit();
    central.setAutoCommit(false);
    try {
      Report report = restoreIn(central, parsed, options, box);
      if (report.ok() && !options.dryRun()) {
        central.commit();
        return report;
      }
      central.rollback();
      return report;
    } catch (SQLException | RuntimeException e) {
      central.rollback();
      if (e instanceof SQLException sql && sql.getSQLState() != null) {
        if ("23505".equals(sql.getSQLState())) {
          throw new RestoreRefusedException(
              Refusal.CONFLICT, SqlErrors.inWords(sql) + "; nothing was restored");
        }
        if (sql.getSQLState().startsWith("23") || sql.getSQLState().startsWith("22")) {
          // A value of the file the column does not take (type, check, not null, reference).
          // Named by constraint and column: the server's Detail would quote the whole row.
          throw new RestoreRefusedException(
              Refusal.INVALID_FILE, SqlErrors.inWords(sql) + "; nothing was restored");
        }
      }
      throw e;
    } finally {
      central.setAutoCommit(autoCommit);
    }
  }

  private static Report restoreIn(Connection central, Parsed parsed, Options options, SecretBox box)
      throws SQLException {
    String database = central.getCatalog();
    requireCentral(central, database);
    List<String> notes = new ArrayList<>(parsed.notes());
    Map<String, TableStructure> structures = new LinkedHashMap<>();
    Map<String, List<JsonObject>> rows = new LinkedHashMap<>();
    for (String table : CentralFormat.tables()) {
      TableStructure structure = TableStructure.read(central, table);
      structures.put(table, structure);
      rows.put(
          table,
          prepare(table, structure, parsed.rows().get(table), parsed.kept().get(table), box));
    }
    checkEmptyOrMerging(central, database, rows.get("User"), options, notes);
    for (String table : CentralFormat.tables()) {
      refuseConflicts(central, table, rows.get(table));
    }
    List<TableResult> results = new ArrayList<>();
    for (String table : CentralFormat.tables()) {
      results.add(
          upsert(central, structures.get(table), rows.get(table), parsed.kept().get(table), box));
    }
    List<TableResult> verified = new ArrayList<>();
    for (TableResult result : results) {
      int matching =
          verify(
              central,
              result.table(),
              rows.get(result.table()),
              parsed.kept().get(result.table()),
              box);
      verified.add(
          new TableResult(
              result.table(), result.inFile(), result.written(), result.identical(), matching));
    }
    boolean ok = verified.stream().allMatch(TableResult::matches);
    return new Report(
        database, parsed.format(), options.dryRun(), ok && !options.dryRun(), verified, notes);
  }

  private static void requireCentral(Connection central, String database) throws SQLException {
    Optional<String> notCentral = CentralTarget.whyNotCentral(central);
    if (notCentral.isPresent()) {
      throw new RestoreRefusedException(Refusal.NOT_CENTRAL, notCentral.get());
    }
    if (!TableRows.exists(central, DatabaseKind.MIGRATION_HISTORY_TABLE)) {
      throw new RestoreRefusedException(
          Refusal.NOT_CENTRAL,
          "Database "
              + database
              + " holds the central tables but no migration history ("
              + DatabaseKind.MIGRATION_HISTORY_TABLE
              + "): it is not a Ripieno central database (adopt a legacy one first: central"
              + " adopt)");
    }
  }

  /**
   * Checks the rows against the table's columns, turns timestamps with an offset into the UTC times
   * the columns hold, encrypts plaintext secrets and checks that encrypted ones can be read.
   */
  private static List<JsonObject> prepare(
      String table,
      TableStructure structure,
      List<JsonObject> fileRows,
      Set<String> kept,
      SecretBox box) {
    Map<String, String> types = new LinkedHashMap<>();
    structure.columns().forEach(c -> types.put(c.name(), c.type()));
    Set<String> encrypted = CentralSecrets.encrypted(table);
    List<JsonObject> prepared = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (JsonObject row : fileRows) {
      String id = idOf(row);
      if (id == null) {
        throw new RestoreRefusedException(
            Refusal.INVALID_FILE, table + ": a row in the file has no id");
      }
      if (!ids.add(id)) {
        throw new RestoreRefusedException(
            Refusal.INVALID_FILE, table + ": the file holds id " + id + " twice");
      }
      JsonObjectBuilder copy = Json.createObjectBuilder(row);
      for (Map.Entry<String, JsonValue> field : row.entrySet()) {
        String column = field.getKey();
        String type = types.get(column);
        if (type == null) {
          throw new RestoreRefusedException(
              Refusal.INVALID_FILE,
              table
                  + " "
                  + id
                  + ": the file has a column "
                  + column
                  + " that this central database does not (is it newer than this Ripieno?)");
        }
        if (!(field.getValue() instanceof JsonString text)) {
          continue;
        }
        if (type.startsWith("timestamp") && !type.contains("with time zone")) {
          copy.add(column, utcLocal(text.getString()));
        } else if (encrypted.contains(column)) {
          copy.add(column, sealed(table, id, column, text.getString(), box));
        }
      }
      if ("User".equals(table)
          && !row.containsKey("passwordHash")
          && kept.contains("passwordHash")) {
        // Only used when the account is new: a stored hash is kept.
        copy.add("passwordHash", NO_PASSWORD);
      }
      prepared.add(copy.build());
    }
    return prepared;
  }

  private static String sealed(
      String table, String id, String column, String value, SecretBox box) {
    if (!SecretBox.isEncrypted(value)) {
      return box.encrypt(value);
    }
    try {
      box.decrypt(value);
      return value;
    } catch (IllegalStateException e) {
      throw new RestoreRefusedException(
          Refusal.SECRET_KEY,
          table
              + " "
              + id
              + ", "
              + column
              + ": "
              + e.getMessage()
              + ". Configure the key the export was made with (ripieno.secret-key, or its"
              + " secret.key file in ripieno.data-dir; an older key in"
              + " ripieno.secret-key.previous)");
    }
  }

  /** UTC wall time for a TIMESTAMP column; a value without an offset is taken as it is. */
  static String utcLocal(String text) {
    try {
      OffsetDateTime time = OffsetDateTime.parse(text);
      return LOCAL_TIMESTAMP.format(time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
    } catch (DateTimeParseException noOffset) {
      try {
        return LOCAL_TIMESTAMP.format(LocalDateTime.parse(text));
      } catch (DateTimeParseException notIso) {
        return text;
      }
    }
  }

  private static void checkEmptyOrMerging(
      Connection central,
      String database,
      List<JsonObject> fileUsers,
      Options options,
      List<String> notes)
      throws SQLException {
    long orchestras = TableRows.count(central, "Orchestra");
    long customers = TableRows.count(central, "Customer");
    List<String[]> users = new ArrayList<>();
    try (Statement query = central.createStatement();
        ResultSet result =
            query.executeQuery("select \"id\", \"username\", \"role\" from \"User\" limit 2")) {
      while (result.next()) {
        users.add(new String[] {result.getString(1), result.getString(2), result.getString(3)});
      }
    }
    boolean onlyBootstrap =
        users.isEmpty()
            || (users.size() == 1
                && BOOTSTRAP_SUPERADMIN.equals(users.get(0)[1])
                && Role.SUPERADMIN.equals(users.get(0)[2]));
    boolean empty = orchestras == 0 && customers == 0 && onlyBootstrap;
    if (!empty && !options.merge()) {
      throw new RestoreRefusedException(
          Refusal.NOT_EMPTY,
          "Central database "
              + database
              + " is not empty ("
              + orchestras
              + " orchestras, "
              + customers
              + " customers, "
              + TableRows.count(central, "User")
              + " accounts): restoring into it needs merging (--merge --confirm "
              + database
              + ")");
    }
    if (!empty || users.isEmpty()) {
      return;
    }
    String[] bootstrap = users.get(0);
    for (JsonObject user : fileUsers) {
      if (BOOTSTRAP_SUPERADMIN.equals(user.getString("username", null))
          && Role.SUPERADMIN.equals(user.getString("role", null))
          && !bootstrap[0].equals(idOf(user))) {
        try (PreparedStatement delete =
            central.prepareStatement("delete from \"User\" where \"id\" = ?")) {
          delete.setString(1, bootstrap[0]);
          delete.executeUpdate();
        }
        notes.add("the bootstrap superadmin was replaced by the file's superadmin " + idOf(user));
      }
    }
  }

  /** A unique value of a file row held by a stored row with another id stops the restore. */
  private static void refuseConflicts(Connection central, String table, List<JsonObject> rows)
      throws SQLException {
    List<List<String>> keys = uniqueKeys(central, table);
    Set<String> secretColumns = CentralSecrets.leftOutWithoutSecrets(table);
    for (List<String> key : keys) {
      String match =
          key.stream()
              .map(c -> "t." + quote(c) + " = f." + quote(c))
              .collect(Collectors.joining(" and "));
      String sql =
          "select t.\"id\" from "
              + quote(table)
              + " t, json_populate_record(null::"
              + quote(table)
              + ", ?::json) f where "
              + match
              + " and t.\"id\" <> f.\"id\" limit 1";
      try (PreparedStatement query = central.prepareStatement(sql)) {
        for (JsonObject row : rows) {
          if (key.stream().anyMatch(c -> !row.containsKey(c) || row.isNull(c))) {
            continue;
          }
          query.setString(1, row.toString());
          try (ResultSet result = query.executeQuery()) {
            if (result.next()) {
              String values =
                  key.stream()
                      .map(
                          c ->
                              c + " " + (secretColumns.contains(c) ? "(secret)" : text(row.get(c))))
                      .collect(Collectors.joining(", "));
              throw new RestoreRefusedException(
                  Refusal.CONFLICT,
                  table
                      + " "
                      + idOf(row)
                      + " of the file: "
                      + values
                      + " exists under another id, "
                      + result.getString(1)
                      + "; nothing was restored");
            }
          }
        }
      }
    }
  }

  private static String text(JsonValue value) {
    return value instanceof JsonString s ? s.getString() : String.valueOf(value);
  }

  /** The column lists of the table's unique indexes other than the primary key. */
  private static List<List<String>> uniqueKeys(Connection central, String table)
      throws SQLException {
    List<List<String>> keys = new ArrayList<>();
    try (PreparedStatement query =
        central.prepareStatement(
            "select array_agg(a.attname::text order by k.n) from pg_catalog.pg_index i"
                + " cross join lateral unnest(i.indkey) with ordinality k(attnum, n)"
                + " join pg_catalog.pg_attribute a"
                + " on a.attrelid = i.indrelid and a.attnum = k.attnum"
                + " where i.indrelid = to_regclass('public.' || quote_ident(?))"
                + " and i.indisunique and not i.indisprimary"
                + " and i.indpred is null and i.indexprs is null"
                + " group by i.indexrelid order by i.indexrelid")) {
      query.setString(1, table);
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          keys.add(List.of((String[]) result.getArray(1).getArray()));
        }
      }
    }
    return keys;
  }

  private static TableResult upsert(
      Connection central,
      TableStructure structure,
      List<JsonObject> rows,
      Set<String> kept,
      SecretBox box)
      throws SQLException {
    String table = structure.table();
    Set<String> encrypted = CentralSecrets.encrypted(table);
    int written = 0;
    int identical = 0;
    for (JsonObject row : rows) {
      String id = idOf(row);
      JsonObject before = TableRows.byId(central, table, id).orElse(null);
      Set<String> present = new LinkedHashSet<>(row.keySet());
      if (before == null) {
        insert(central, table, present, row);
        written++;
        continue;
      }
      // Only the file's columns change: a column the file lacks (an older or legacy file) keeps
      // the stored value. Setting it to its default would, for one, reset User.tokenVersion and
      // bring back the tokens a password change had revoked. Defaults apply to new rows only.
      present.removeAll(kept);
      Savepoint savepoint = central.setSavepoint();
      update(central, table, present, row, id);
      JsonObject after = TableRows.byId(central, table, id).orElseThrow();
      if (sameState(before, after, before.keySet(), encrypted, box)) {
        // Keep the stored ciphertexts: the state is the same.
        central.rollback(savepoint);
        identical++;
      } else {
        central.releaseSavepoint(savepoint);
        written++;
      }
    }
    return new TableResult(table, rows.size(), written, identical, 0);
  }

  private static void insert(Connection central, String table, Set<String> columns, JsonObject row)
      throws SQLException {
    String names = columns.stream().map(TableRows::quote).collect(Collectors.joining(", "));
    String values = columns.stream().map(c -> "f." + quote(c)).collect(Collectors.joining(", "));
    try (PreparedStatement insert =
        central.prepareStatement(
            "insert into "
                + quote(table)
                + " ("
                + names
                + ") select "
                + values
                + " from json_populate_record(null::"
                + quote(table)
                + ", ?::json) f")) {
      insert.setString(1, row.toString());
      insert.executeUpdate();
    }
  }

  /**
   * Sets the file's columns of a stored row; the columns the file lacks are not touched. Central
   * adoption sets the columns it converts with it.
   */
  static void update(
      Connection central, String table, Set<String> present, JsonObject row, String id)
      throws SQLException {
    List<String> changed = present.stream().filter(c -> !"id".equals(c)).toList();
    if (changed.isEmpty()) {
      return;
    }
    try (PreparedStatement update =
        central.prepareStatement(
            "update "
                + quote(table)
                + " set ("
                + changed.stream().map(TableRows::quote).collect(Collectors.joining(", "))
                + ") = (select "
                + changed.stream().map(c -> "f." + quote(c)).collect(Collectors.joining(", "))
                + " from json_populate_record(null::"
                + quote(table)
                + ", ?::json) f) where \"id\"::text = ?")) {
      update.setString(1, row.toString());
      update.setString(2, id);
      update.executeUpdate();
    }
  }

  /** Rows that, read back, hold the file's values (secrets compared decrypted). */
  private static int verify(
      Connection central, String table, List<JsonObject> rows, Set<String> kept, SecretBox box)
      throws SQLException {
    Set<String> encrypted = CentralSecrets.encrypted(table);
    int matching = 0;
    for (JsonObject row : rows) {
      JsonObject stored = TableRows.byId(central, table, idOf(row)).orElse(null);
      if (stored == null) {
        continue;
      }
      JsonObject expected = TableRows.asStored(central, table, row);
      Set<String> compared = new LinkedHashSet<>(row.keySet());
      compared.removeAll(kept);
      if (sameState(expected, stored, compared, encrypted, box)) {
        matching++;
      }
    }
    return matching;
  }

  static boolean sameState(
      JsonObject a, JsonObject b, Set<String> columns, Set<String> encrypted, SecretBox box) {
    for (String column : columns) {
      JsonValue x = a.get(column);
      JsonValue y = b.get(column);
      if (encrypted.contains(column) && x instanceof JsonString sx && y instanceof JsonString sy) {
        if (!Objects.equals(plain(sx.getString(), box), plain(sy.getString(), box))) {
          return false;
        }
      } else if (!Objects.equals(x, y)) {
        return false;
      }
    }
    return true;
  }

  private static String plain(String stored, SecretBox box) {
    return SecretBox.isEncrypted(stored) ? box.decrypt(stored) : stored;
  }

  private static String idOf(JsonObject row) {
    JsonValue id = row.get("id");
    if (id == null || id == JsonValue.NULL) {
      return null;
    }
    return id instanceof JsonString s ? s.getString() : id.toString();
  }
}
