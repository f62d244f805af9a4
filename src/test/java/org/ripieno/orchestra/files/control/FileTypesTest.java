package org.ripieno.orchestra.files.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.tika.Tika;
import org.junit.jupiter.api.Test;
import org.ripieno.web.ProblemException;

class FileTypesTest {

  private static final Tika TIKA = new Tika();

  static final byte[] PDF =
      ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
              + "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
          .getBytes(StandardCharsets.US_ASCII);

  /** The start of a Windows executable: "MZ", then the PE offset and header. */
  static byte[] executable() {
    byte[] bytes = new byte[256];
    bytes[0] = 'M';
    bytes[1] = 'Z';
    bytes[0x3c] = (byte) 0x80;
    bytes[0x80] = 'P';
    bytes[0x81] = 'E';
    return bytes;
  }

  @Test
  void aRealPdfIsKeptAsAPdf() {
    assertThat(FileTypes.decide("score.pdf", TIKA.detect(PDF))).isEqualTo("application/pdf");
  }

  @Test
  void anExecutableRenamedPdfIsRefusedByItsContent() {
    String detected = TIKA.detect(executable());
    assertThat(detected).isNotEqualTo("application/pdf");
    assertThatThrownBy(() -> FileTypes.decide("score.pdf", detected))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("is not a PDF");
  }

  @Test
  void aNameNotOnTheListIsRefusedWhateverTheContent() {
    assertThatThrownBy(() -> FileTypes.decide("setup.exe", "application/x-msdownload"))
        .hasMessageContaining(".exe cannot be uploaded");
    assertThatThrownBy(() -> FileTypes.decide("score.html", "text/html"))
        .hasMessageContaining(".html cannot be uploaded");
  }

  @Test
  void textAndMusicXmlAreTakenAsTheirNamesSay() {
    assertThat(FileTypes.decide("notes.txt", TIKA.detect("Hej!".getBytes(StandardCharsets.UTF_8))))
        .isEqualTo("text/plain");
    byte[] xml =
        "<?xml version=\"1.0\"?><score-partwise version=\"4.0\"/>".getBytes(StandardCharsets.UTF_8);
    assertThat(FileTypes.decide("part.musicxml", TIKA.detect(xml)))
        .isEqualTo("application/vnd.recordare.musicxml+xml");
  }

  @Test
  void aPdfRenamedPngIsRefused() {
    assertThatThrownBy(() -> FileTypes.decide("photo.png", TIKA.detect(PDF)))
        .hasMessageContaining("is not a PNG image");
  }

  @Test
  void attachmentsPastSevenMegabytesTogetherGoAsLinks() {
    int mb = 1024 * 1024;
    assertThat(AttachmentRule.asLinks(List.of(3 * mb, 4 * mb))).isFalse();
    assertThat(AttachmentRule.asLinks(List.of(3 * mb, 4 * mb + 1))).isTrue();
    assertThat(AttachmentRule.asLinks(List.of())).isFalse();
  }

  @Test
  void theLegacyDefaultsDependOnWhereTheFileGoes() {
    assertThat(FileChoices.fileType(null, false)).isEqualTo("general_info");
    assertThat(FileChoices.sendTiming(null, false)).isEqualTo("on_request");
    assertThat(FileChoices.fileType(" ", true)).isEqualTo("sheet_music");
    assertThat(FileChoices.sendTiming(null, true)).isEqualTo("on_accept");
    assertThatThrownBy(() -> FileChoices.sendTiming("later", true))
        .hasMessageContaining("on_request or on_accept");
  }
}
