package org.ripieno.orchestra.files.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.ripieno.web.ProblemException;

class FileNamesTest {

  @Test
  void aNameThatClimbsOutOfItsFolderIsRefusedAndTheMessageShowsIt() {
    assertThatThrownBy(() -> FileNames.sanitised("../../etc/passwd.pdf"))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("plain name")
        .hasMessageContaining("../../etc/passwd.pdf");
  }

  @Test
  void foldersAbsolutePathsDriveLettersAndHiddenNamesAreRefused() {
    for (String name :
        new String[] {"/etc/passwd.pdf", "a\\b.pdf", "C:evil.pdf", ".htaccess", "..", "x/y.txt"}) {
      assertThatThrownBy(() -> FileNames.sanitised(name))
          .as(name)
          .isInstanceOf(ProblemException.class);
    }
  }

  @Test
  void headerAndFileSystemCharactersBecomeUnderscoresAndLettersStay() {
    assertThat(FileNames.sanitised("  Stämma \"1\":\tviolin?.pdf "))
        .isEqualTo("Stämma _1___violin_.pdf");
    assertThat(FileNames.sanitised("noter\r\nBcc: x.pdf")).isEqualTo("noter__Bcc_ x.pdf");
  }

  @Test
  void aMissingNameOrExtensionIsRefused() {
    assertThatThrownBy(() -> FileNames.sanitised(" ")).hasMessageContaining("no name");
    assertThatThrownBy(() -> FileNames.sanitised("README")).hasMessageContaining("extension");
  }

  @Test
  void aLongNameIsShortenedKeepingItsExtension() {
    String shortened = FileNames.sanitised("a".repeat(300) + ".pdf");
    assertThat(shortened).hasSize(FileNames.MAX_LENGTH).endsWith(".pdf");
  }

  @Test
  void theExtensionIsLowerCase() {
    assertThat(FileNames.extension("Score.PDF")).isEqualTo("pdf");
    assertThat(FileNames.extension("Score")).isEmpty();
  }
}
