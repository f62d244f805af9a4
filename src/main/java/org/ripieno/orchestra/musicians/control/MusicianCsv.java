package org.ripieno.orchestra.musicians.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ripieno.orchestra.musicians.boundary.MusicianInput;
import org.ripieno.orchestra.musicians.boundary.MusicianView;
import org.ripieno.orchestra.musicians.control.MusicianRules.Details;
import org.ripieno.orchestra.musicians.entity.Musician;
import org.ripieno.tenancy.OrchestraTransactional;
import org.ripieno.web.ProblemException;

/**
 * Musicians to and from CSV files with the columns {@link #COLUMNS}; qualifications are written
 * {@code Instrument/Position}, several joined by {@code |}. An import checks every row (the same
 * rules as the API, plus duplicates within the file) before creating anything; with errors it
 * creates nothing unless asked to import the valid rows.
 */
@ApplicationScoped
public class MusicianCsv {

  public static final List<String> COLUMNS =
      List.of(
          "firstName",
          "lastName",
          "email",
          "phone",
          "preferredLanguage",
          "localResidence",
          "notes",
          "qualifications");

  private static final List<String> REQUIRED = List.of("firstName", "lastName", "email");

  @Inject Musicians musicians;

  /** What an import found and did. {@code line} is absent for a problem of the whole file. */
  @Schema(
      name = "ImportReport",
      description = "A CSV import: rows read, valid, imported, and the errors by line")
  public record Report(int rows, int valid, int imported, List<RowError> errors) {}

  @Schema(name = "ImportRowError")
  public record RowError(Integer line, String reason) {}

  /** The musicians as a CSV file with a header row. */
  public String export(List<MusicianView> list, char separator) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(COLUMNS);
    for (MusicianView m : list) {
      rows.add(
          List.of(
              m.firstName(),
              m.lastName(),
              m.email(),
              m.phone() == null ? "" : m.phone(),
              m.preferredLanguage() == null ? "" : m.preferredLanguage(),
              Boolean.toString(m.localResidence()),
              m.notes() == null ? "" : m.notes(),
              m.qualifications().stream()
                  .map(MusicianView.Qualification::label)
                  .collect(Collectors.joining("|"))));
    }
    return Csv.write(separator, rows);
  }

  /**
   * Checks the file and, unless {@code dryRun}, creates the musicians: all of them when every row
   * is valid, the valid ones when {@code importValidRows}, none otherwise.
   */
  @OrchestraTransactional
  public Report importFile(byte[] content, boolean dryRun, boolean importValidRows, Locale locale) {
    Csv.Table table = parse(content);
    if (table.rows().isEmpty()) {
      throw ProblemException.badRequest(
          "The file is empty; its first row names the columns: {0}.",
          "Filen är tom; dess första rad namnger kolumnerna: {0}.", String.join(",", COLUMNS));
    }
    Map<String, Integer> columns = columns(table.rows().get(0));
    musicians.lockMusicians();
    Map<String, Musician> emailOwners = musicians.emailOwners();
    Map<String, Musician> phoneOwners = musicians.phoneOwners();
    Map<String, Integer> positions = musicians.positionsByLabel();
    Map<String, Integer> emailsInFile = new HashMap<>();
    Map<String, Integer> phonesInFile = new HashMap<>();
    List<RowError> errors = new ArrayList<>();
    List<Candidate> valid = new ArrayList<>();
    List<Csv.Row> rows = table.rows().subList(1, table.rows().size());
    for (Csv.Row row : rows) {
      try {
        Candidate candidate = candidate(row, columns, positions);
        Details d = candidate.details();
        String email = d.email().toLowerCase(Locale.ROOT);
        if (emailsInFile.containsKey(email)) {
          throw ProblemException.badRequest(
              "duplicate email {0} in the file (also on line {1})",
              "e-postadressen {0} finns flera gånger i filen (även på rad {1})",
              d.email(),
              String.valueOf(emailsInFile.get(email)));
        }
        emailsInFile.put(email, row.line());
        if (emailOwners.containsKey(email)) {
          throw Musicians.duplicateEmail(d.email(), emailOwners.get(email));
        }
        String phone = MusicianRules.phoneKey(d.phone());
        if (phone != null) {
          if (phonesInFile.containsKey(phone)) {
            throw ProblemException.badRequest(
                "duplicate phone number {0} in the file (also on line {1})",
                "telefonnumret {0} finns flera gånger i filen (även på rad {1})",
                d.phone(),
                String.valueOf(phonesInFile.get(phone)));
          }
          phonesInFile.put(phone, row.line());
          if (phoneOwners.containsKey(phone)) {
            throw Musicians.duplicatePhone(d.phone(), phoneOwners.get(phone));
          }
        }
        valid.add(candidate);
      } catch (ProblemException refused) {
        errors.add(new RowError(row.line(), refused.text().in(locale)));
      }
    }
    try {
      musicians.requireRoomFor(valid.size());
    } catch (ProblemException full) {
      if (!dryRun) {
        throw full;
      }
      errors.add(new RowError(null, full.text().in(locale)));
    }
    int imported = 0;
    if (!dryRun && (errors.isEmpty() || importValidRows)) {
      for (Candidate candidate : valid) {
        musicians.insert(candidate.details(), candidate.positionIds());
        imported++;
      }
    }
    return new Report(rows.size(), valid.size(), imported, List.copyOf(errors));
  }

  private record Candidate(Details details, List<Integer> positionIds) {}

  private static Candidate candidate(
      Csv.Row row, Map<String, Integer> columns, Map<String, Integer> positions) {
    int expected = columns.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    if (row.fields().size() != expected) {
      throw ProblemException.badRequest(
          "the row has {0} fields, the header {1}",
          "raden har {0} fält, rubrikraden {1}",
          String.valueOf(row.fields().size()),
          String.valueOf(expected));
    }
    String firstName = field(row, columns, "firstName");
    String lastName = field(row, columns, "lastName");
    if (firstName == null && lastName == null) {
      throw ProblemException.badRequest("missing name", "namn saknas");
    }
    List<Integer> qualificationIds = new ArrayList<>();
    String qualifications = field(row, columns, "qualifications");
    if (qualifications != null) {
      for (String label : qualifications.split("\\|")) {
        if (label.isBlank()) {
          continue;
        }
        String[] parts = label.split("/", 2);
        Integer position =
            parts.length == 2 ? positions.get(Musicians.label(parts[0], parts[1])) : null;
        if (position == null) {
          throw ProblemException.badRequest(
              "unknown position {0} (write Instrument/Position)",
              "okänd position {0} (skriv Instrument/Position)", label.strip());
        }
        qualificationIds.add(position);
      }
    }
    MusicianInput input =
        new MusicianInput(
            firstName,
            lastName,
            field(row, columns, "email"),
            field(row, columns, "phone"),
            field(row, columns, "preferredLanguage"),
            bool(field(row, columns, "localResidence")),
            field(row, columns, "notes"),
            null,
            qualificationIds);
    Details details = MusicianRules.forCreate(input);
    return new Candidate(details, MusicianRules.positionIds(qualificationIds));
  }

  private static String field(Csv.Row row, Map<String, Integer> columns, String name) {
    Integer index = columns.get(name);
    if (index == null) {
      return null;
    }
    String value = row.fields().get(index);
    return value.isBlank() ? null : value;
  }

  private static Boolean bool(String value) {
    if (value == null) {
      return null;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "ja", "1", "x" -> true;
      case "false", "no", "nej", "0" -> false;
      default ->
          throw ProblemException.badRequest(
              "localResidence is true or false, not {0}",
              "localResidence är true eller false, inte {0}", value);
    };
  }

  /** Column name (case-insensitive) to index; unknown, repeated or missing columns are refused. */
  private static Map<String, Integer> columns(Csv.Row header) {
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < header.fields().size(); i++) {
      String name = header.fields().get(i).strip();
      String known =
          COLUMNS.stream().filter(c -> c.equalsIgnoreCase(name)).findFirst().orElse(null);
      if (known == null) {
        throw ProblemException.badRequest(
            "Line 1: unknown column {0}; the columns are {1}.",
            "Rad 1: okänd kolumn {0}; kolumnerna är {1}.", name, String.join(",", COLUMNS));
      }
      if (columns.put(known, i) != null) {
        throw ProblemException.badRequest(
            "Line 1: the column {0} appears twice.",
            "Rad 1: kolumnen {0} finns två gånger.", known);
      }
    }
    List<String> missing = REQUIRED.stream().filter(c -> !columns.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      throw ProblemException.badRequest(
          "Line 1: the file needs the columns {0}.",
          "Rad 1: filen behöver kolumnerna {0}.", String.join(", ", missing));
    }
    return columns;
  }

  private static Csv.Table parse(byte[] content) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(content))
              .toString();
    } catch (CharacterCodingException notUtf8) {
      throw ProblemException.badRequest(
          "The file is not UTF-8 text; save it as CSV UTF-8.",
          "Filen är inte UTF-8-text; spara den som CSV UTF-8.");
    }
    try {
      return Csv.parse(text);
    } catch (Csv.MalformedCsv malformed) {
      throw ProblemException.badRequest(
          "Line {0}: the file is not valid CSV: {1}.",
          "Rad {0}: filen är inte giltig CSV: {1}.",
          String.valueOf(malformed.line()),
          malformed.getMessage());
    }
  }
}
