package org.ripieno.orchestra.files.control;

/**
 * One upload as the multipart parts gave it: the bytes with the name they came under, and the
 * optional {@code fileName} (display name), {@code fileType} and {@code sendTiming}.
 */
public record FileUpload(
    String originalName, byte[] content, String fileName, String fileType, String sendTiming) {}
