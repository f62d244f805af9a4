package org.ripieno.orchestra.groupemail.control;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A sent group email in the history. The counts follow delivery: {@code sentCount} delivered,
 * {@code failedCount} given up, {@code pendingCount} still on their way. They count the mail copies
 * only: the SMS copies (with {@code sms.onGroupEmail}) are listed at {@code /messages}.
 */
@Schema(name = "GroupEmailView")
public record GroupEmailView(
    int id,
    Integer projectId,
    String projectName,
    Integer weekNumber,
    String subject,
    String message,
    List<GroupRecipient> recipients,
    Filters filters,
    int recipientCount,
    int sentCount,
    int failedCount,
    int pendingCount,
    Instant createdAt) {

  /** The filters used; empty lists: everyone. */
  public record Filters(List<Integer> instrumentIds, List<Integer> positionIds) {}
}
