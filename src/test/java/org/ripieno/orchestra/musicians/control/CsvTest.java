package org.ripieno.orchestra.musicians.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The CSV reader and writer against RFC 4180 and what spreadsheets write. */
class CsvTest {

  @Test
  void readsCommaSeparatedRowsWithTheirLines() {
    Csv.Table table = Csv.parse("a,b,c\r\n1,2,3\r\n");
    assertThat(table.separator()).isEqualTo(',');
    assertThat(table.rows())
        .containsExactly(
            new Csv.Row(1, List.of("a", "b", "c")), new Csv.Row(2, List.of("1", "2", "3")));
  }

  @Test
  void detectsSemicolonsFromTheHeader() {
    Csv.Table table = Csv.parse("a;b\n1,5;2\n");
    assertThat(table.separator()).isEqualTo(';');
    assertThat(table.rows().get(1).fields()).containsExactly("1,5", "2");
  }

  @Test
  void skipsAByteOrderMarkAndBlankLines() {
    Csv.Table table = Csv.parse("\uFEFFa,b\n\n1,2\n\n");
    assertThat(table.rows()).hasSize(2);
    assertThat(table.rows().get(0).fields()).containsExactly("a", "b");
    assertThat(table.rows().get(1).line()).isEqualTo(3);
  }

  @Test
  void readsQuotedFieldsWithDoubledQuotesSeparatorsAndLineBreaks() {
    Csv.Table table = Csv.parse("a,b,c\n\"x, \"\"y\"\"\",\"two\nlines\",\"\"\nnext,1,2");
    assertThat(table.rows().get(1).fields()).containsExactly("x, \"y\"", "two\nlines", "");
    assertThat(table.rows().get(2).line()).isEqualTo(4);
    assertThat(table.rows().get(2).fields()).containsExactly("next", "1", "2");
  }

  @Test
  void keepsEmptyFieldsAndAQuoteInsideAnUnquotedField() {
    Csv.Table table = Csv.parse("a,b,c\n,12\" LP,\n");
    assertThat(table.rows().get(1).fields()).containsExactly("", "12\" LP", "");
  }

  @Test
  void readsOldMacLineEnds() {
    assertThat(Csv.parse("a\r1\r2").rows()).extracting(Csv.Row::line).containsExactly(1, 2, 3);
  }

  @Test
  void refusesAnUnclosedQuoteNamingItsLine() {
    assertThatThrownBy(() -> Csv.parse("a,b\n1,\"open\n2,3\n"))
        .isInstanceOf(Csv.MalformedCsv.class)
        .satisfies(e -> assertThat(((Csv.MalformedCsv) e).line()).isEqualTo(2));
  }

  @Test
  void refusesTextAfterAClosingQuote() {
    assertThatThrownBy(() -> Csv.parse("a,b\n\"x\"y,2\n"))
        .isInstanceOf(Csv.MalformedCsv.class)
        .hasMessageContaining("closing quote");
  }

  @Test
  void writesAndReadsBackAnyValue() {
    List<List<String>> rows =
        List.of(
            List.of("first", "second", "third"),
            List.of("plain", "with, comma", "with \"quotes\""),
            List.of("line\nbreak", " padded ", "'; drop table \"Musician\"; --"),
            List.of("semi;colon", "", "Åsa Öberg"));
    for (char separator : new char[] {',', ';'}) {
      String written = Csv.write(separator, rows);
      Csv.Table read = Csv.parse(written);
      assertThat(read.separator()).isEqualTo(separator);
      assertThat(read.rows()).extracting(Csv.Row::fields).containsExactlyElementsOf(rows);
    }
  }

  @Test
  void quotesOnlyWhatNeedsIt() {
    assertThat(Csv.write(',', List.of(List.of("a", "b c", "d,e", "f\"g"))))
        .isEqualTo("a,b c,\"d,e\",\"f\"\"g\"\r\n");
  }
}
