package org.ripieno.orchestra.files.control;

import java.util.List;

/**
 * Whether a mail's files go as attachments or as download links: links once the files together
 * would pass 7 MB, which with base64's third more stays under the 10 MB many mail servers take.
 */
public final class AttachmentRule {

  public static final long MAX_ATTACHED_BYTES = 7L * 1024 * 1024;

  private AttachmentRule() {}

  /**
   * @param sizes the files' sizes in bytes
   */
  public static boolean asLinks(List<Integer> sizes) {
    long total = 0;
    for (Integer size : sizes) {
      total += size == null ? 0 : size;
    }
    return total > MAX_ATTACHED_BYTES;
  }
}
