package org.ripieno.orchestra.files.boundary;

import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ripieno.orchestra.files.control.FileUpload;
import org.ripieno.orchestra.files.control.ProjectFiles;
import org.ripieno.web.ProblemException;
import org.ripieno.web.Text;

/**
 * Reads an upload's parts with the standard JAX-RS multipart API ({@link EntityPart}), so it works
 * on every Jakarta REST 3.1 server: {@code file} (its file name is the original name), and the
 * optional text parts {@code fileName}, {@code fileType} and {@code sendTiming}. The file is read
 * no further than one byte past 10 MB.
 */
final class MultipartUpload {

  private static final int MAX_TEXT = 1000;

  private MultipartUpload() {}

  static FileUpload read(List<EntityPart> parts) {
    EntityPart file = null;
    String fileName = null;
    String fileType = null;
    String sendTiming = null;
    for (EntityPart part : parts == null ? List.<EntityPart>of() : parts) {
      if (part == null) {
        // Not multipart at all: a JSON array of nulls reads as a list of no parts.
        throw new ProblemException(
            Response.Status.UNSUPPORTED_MEDIA_TYPE,
            Text.of(
                "Send the upload as multipart/form-data with a part named file.",
                "Skicka uppladdningen som multipart/form-data med en del som heter file."));
      }
      switch (part.getName()) {
        case "file" -> file = part;
        case "fileName" -> fileName = text(part);
        case "fileType" -> fileType = text(part);
        case "sendTiming" -> sendTiming = text(part);
        default -> {
          // Other parts are not part of the contract and are left unread.
        }
      }
    }
    if (file == null) {
      throw ProblemException.badRequest(
          "The upload needs a part named file (multipart/form-data).",
          "Uppladdningen behöver en del som heter file (multipart/form-data).");
    }
    String originalName = file.getFileName().map(MultipartUpload::utf8).orElse(fileName);
    return new FileUpload(
        originalName, bytes(file, ProjectFiles.MAX_BYTES), fileName, fileType, sendTiming);
  }

  /**
   * Browsers send a file name's UTF-8 bytes as they are (HTML's form encoding), which the server
   * may have read as ISO-8859-1 ({@code Ã¥} for {@code å}): such a name is read again as UTF-8 when
   * its bytes are valid UTF-8, else left as it was.
   */
  static String utf8(String name) {
    if (name.chars().anyMatch(c -> c > 0xff) || name.chars().allMatch(c -> c < 0x80)) {
      return name;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(name.getBytes(StandardCharsets.ISO_8859_1)))
          .toString();
    } catch (CharacterCodingException notUtf8) {
      return name;
    }
  }

  private static String text(EntityPart part) {
    String value = new String(bytes(part, MAX_TEXT), StandardCharsets.UTF_8);
    if (value.length() > MAX_TEXT) {
      throw ProblemException.badRequest(
          "The part {0} is too long.", "Delen {0} är för lång.", part.getName());
    }
    return value;
  }

  /** At most {@code max} bytes; a longer part is refused (413 for the file). */
  private static byte[] bytes(EntityPart part, int max) {
    try (InputStream in = part.getContent()) {
      byte[] read = in.readNBytes(max + 1);
      if (read.length > max) {
        if ("file".equals(part.getName())) {
          throw ProjectFiles.tooLarge();
        }
        throw ProblemException.badRequest(
            "The part {0} is too long.", "Delen {0} är för lång.", part.getName());
      }
      return read;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
