package org.ripieno.orchestra.staffing.control;

/** One musician's place on a standard or custom list, as {@link StaffingQueries} reads it. */
public record ListMember(
    Integer listId,
    Integer musicianId,
    Integer rank,
    Boolean isActive,
    Boolean isArchived,
    Boolean localResidence) {

  /** Active and not archived: the only musicians who are ever asked. */
  public boolean available() {
    return Boolean.TRUE.equals(isActive) && !Boolean.TRUE.equals(isArchived);
  }

  public RecipientSelection.Member member() {
    return new RecipientSelection.Member(
        musicianId, rank, available(), Boolean.TRUE.equals(localResidence));
  }
}
