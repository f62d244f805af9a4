package org.ripieno.orchestra.groupemail.control;

import java.util.List;

/**
 * {@code {"projectId", "subject", "message", "instrumentIds"?, "positionIds"?}}: the recipients are
 * chosen by the server from these, never listed by the client.
 */
public record GroupEmailInput(
    Integer projectId,
    String subject,
    String message,
    List<Integer> instrumentIds,
    List<Integer> positionIds) {}
