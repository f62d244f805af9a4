package org.ripieno.orchestra.files.control;

import java.util.Map;
import java.util.Set;
import org.ripieno.web.ProblemException;

/**
 * Which files may be uploaded (the legacy list: pdf, jpg, jpeg, png, gif, doc, docx, txt, xml, mxl,
 * musicxml) and the type they are kept and sent with. The name's extension must be on the list and
 * the content must be what the extension says, as Apache Tika tells it from the bytes: an
 * executable renamed {@code .pdf} is refused. The stored type follows the extension, never the
 * client's claim.
 */
public final class FileTypes {

  /** What each extension is stored as, and which detected content types fit it. */
  record Kind(String mimeType, String description, Set<String> detected) {}

  private static final Set<String> ZIP =
      Set.of("application/zip", "application/x-tika-ooxml", "application/x-zip-compressed");
  private static final Set<String> XML =
      Set.of(
          "application/xml",
          "text/xml",
          "text/plain",
          "application/vnd.recordare.musicxml+xml",
          "application/vnd.recordare.musicxml");

  static final Map<String, Kind> ALLOWED =
      Map.ofEntries(
          Map.entry("pdf", new Kind("application/pdf", "a PDF", Set.of("application/pdf"))),
          Map.entry("jpg", new Kind("image/jpeg", "a JPEG image", Set.of("image/jpeg"))),
          Map.entry("jpeg", new Kind("image/jpeg", "a JPEG image", Set.of("image/jpeg"))),
          Map.entry("png", new Kind("image/png", "a PNG image", Set.of("image/png"))),
          Map.entry("gif", new Kind("image/gif", "a GIF image", Set.of("image/gif"))),
          Map.entry(
              "doc",
              new Kind(
                  "application/msword",
                  "a Word document",
                  Set.of("application/x-tika-msoffice", "application/msword"))),
          Map.entry(
              "docx",
              new Kind(
                  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                  "a Word document",
                  union(
                      ZIP,
                      Set.of(
                          "application/vnd.openxmlformats-officedocument.wordprocessingml"
                              + ".document")))),
          Map.entry("txt", new Kind("text/plain", "a text file", Set.of("text/plain"))),
          Map.entry("xml", new Kind("application/xml", "an XML file", XML)),
          Map.entry(
              "musicxml",
              new Kind("application/vnd.recordare.musicxml+xml", "a MusicXML file", XML)),
          Map.entry(
              "mxl",
              new Kind(
                  "application/vnd.recordare.musicxml",
                  "a compressed MusicXML file",
                  union(ZIP, Set.of("application/vnd.recordare.musicxml")))));

  private FileTypes() {}

  /**
   * The type to keep a file with.
   *
   * @param name the sanitised name
   * @param detected the content type Tika tells from the bytes alone
   * @throws ProblemException 400 (415 would name the request, not the file) for an extension not on
   *     the list or content that does not fit it
   */
  public static String decide(String name, String detected) {
    String extension = FileNames.extension(name);
    Kind kind = ALLOWED.get(extension);
    if (kind == null) {
      throw ProblemException.badRequest(
          "Files of type .{0} cannot be uploaded; allowed are .pdf, .jpg, .jpeg, .png, .gif, .doc,"
              + " .docx, .txt, .xml, .mxl and .musicxml.",
          "Filer av typen .{0} kan inte laddas upp; tillåtna är .pdf, .jpg, .jpeg, .png, .gif,"
              + " .doc, .docx, .txt, .xml, .mxl och .musicxml.",
          extension);
    }
    if (!kind.detected().contains(detected)) {
      throw ProblemException.badRequest(
          "The content of {0} is not {1} as its name says (it looks like {2}).",
          "Innehållet i {0} är inte vad filändelsen .{3} säger (det ser ut som {2}).",
          name,
          kind.description(),
          detected,
          extension);
    }
    return kind.mimeType();
  }

  private static Set<String> union(Set<String> one, Set<String> other) {
    java.util.HashSet<String> all = new java.util.HashSet<>(one);
    all.addAll(other);
    return Set.copyOf(all);
  }
}
