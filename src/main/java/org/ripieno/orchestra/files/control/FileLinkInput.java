package org.ripieno.orchestra.files.control;

/**
 * {@code {"fileId", "sendTiming"?, "fileType"?}}: link a file of the project to one more need.
 * Legacy defaults: {@code sheet_music}, {@code on_accept}.
 */
public record FileLinkInput(Integer fileId, String sendTiming, String fileType) {}
