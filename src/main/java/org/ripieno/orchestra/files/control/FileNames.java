package org.ripieno.orchestra.files.control;

import java.text.Normalizer;
import java.util.Locale;
import org.ripieno.web.ProblemException;

/**
 * The name an uploaded file is kept and sent under. A name that tries to leave its folder ({@code
 * ../../etc/passwd.pdf}, {@code /etc/passwd}, {@code C:\x.pdf}) is refused rather than quietly cut
 * down, so the uploader sees what was wrong; in a plain name, characters that mean something in a
 * mail header or a file system (quotes, control characters, {@code :*?<>|}) become {@code _}.
 */
public final class FileNames {

  /** Longer names are shortened, keeping their extension. */
  static final int MAX_LENGTH = 200;

  private FileNames() {}

  /**
   * @return the name to keep
   * @throws ProblemException 400 for a missing name, one with a folder, or one without a name
   *     before its extension
   */
  public static String sanitised(String name) {
    if (name == null || name.isBlank()) {
      throw ProblemException.badRequest("The file has no name.", "Filen har inget namn.");
    }
    String trimmed = Normalizer.normalize(name.strip(), Normalizer.Form.NFC);
    if (trimmed.contains("/")
        || trimmed.contains("\\")
        || trimmed.equals("..")
        || trimmed.startsWith(".")
        || trimmed.matches("^[A-Za-z]:.*")) {
      throw ProblemException.badRequest(
          "The file name must be a plain name, without folders or a leading dot: {0}.",
          "Filnamnet ska vara ett enkelt namn, utan mappar eller inledande punkt: {0}.",
          printable(trimmed));
    }
    StringBuilder kept = new StringBuilder();
    trimmed
        .codePoints()
        .forEach(
            c -> {
              if (Character.isISOControl(c) || "\"'`:*?<>|;%".indexOf(c) >= 0) {
                kept.append('_');
              } else {
                kept.appendCodePoint(Character.isWhitespace(c) ? ' ' : c);
              }
            });
    String result = kept.toString().replaceAll(" {2,}", " ");
    if (result.length() > MAX_LENGTH) {
      String extension = extension(result);
      int keep = MAX_LENGTH - (extension.isEmpty() ? 0 : extension.length() + 1);
      result = result.substring(0, keep) + (extension.isEmpty() ? "" : "." + extension);
    }
    if (extension(result).isEmpty() || result.lastIndexOf('.') == 0) {
      throw ProblemException.badRequest(
          "The file name needs a name and an extension such as .pdf: {0}.",
          "Filnamnet behöver ett namn och en filändelse som .pdf: {0}.", printable(result));
    }
    return result;
  }

  /** The extension in lower case, without the dot; empty when there is none. */
  public static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 || dot == name.length() - 1
        ? ""
        : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /** The name as it may be repeated in a message: control characters out, at most 200. */
  private static String printable(String name) {
    String shown = name.replaceAll("\\p{Cntrl}", "?");
    return shown.length() > MAX_LENGTH ? shown.substring(0, MAX_LENGTH) + "…" : shown;
  }
}
