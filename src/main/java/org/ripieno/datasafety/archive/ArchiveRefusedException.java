package org.ripieno.datasafety.archive;

/**
 * An export or import that was refused before it changed anything, with a message an operator can
 * act on (a malformed file, a target that is not empty, another schema version, a taken subdomain).
 */
public class ArchiveRefusedException extends RuntimeException {

  public ArchiveRefusedException(String message) {
    super(message);
  }

  public ArchiveRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
