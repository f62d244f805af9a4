package org.ripieno.orchestra.groupemail.control;

/**
 * One musician a group email reaches (the legacy's recipient object).
 *
 * @param acceptedFor every place the musician accepted in the project, {@code "Instrument -
 *     Position, …"}
 */
public record GroupRecipient(
    int id,
    String name,
    String email,
    String language,
    String instrument,
    int instrumentId,
    String position,
    int positionId,
    String acceptedFor) {}
