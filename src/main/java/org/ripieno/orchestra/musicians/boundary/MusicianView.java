package org.ripieno.orchestra.musicians.boundary;

import java.time.Instant;
import java.util.List;

/**
 * A musician as the API shows it: {@code id} is the key used in paths, {@code musicianId} the code
 * ({@code MUS001}); {@code status} is {@code active}, {@code inactive} or {@code archived}. {@code
 * rankings} (the ranking-list placements) only on a single musician.
 */
public record MusicianView(
    Integer id,
    String musicianId,
    String firstName,
    String lastName,
    String email,
    String phone,
    String preferredLanguage,
    boolean localResidence,
    String notes,
    boolean isActive,
    boolean isArchived,
    String status,
    Instant archivedAt,
    Instant restoredAt,
    Instant createdAt,
    Instant updatedAt,
    List<Qualification> qualifications,
    List<Placement> rankings) {

  /** A position the musician is qualified for. */
  public record Qualification(
      Integer positionId,
      String positionCode,
      String positionName,
      Integer hierarchyLevel,
      Integer instrumentId,
      String instrumentName) {

    /** {@code Instrument/Position}, as the CSV files write it. */
    public String label() {
      return instrumentName + "/" + positionName;
    }
  }

  /** A place in a standard ranking list. */
  public record Placement(
      Integer listId,
      String listCode,
      String listType,
      Integer positionId,
      String positionName,
      String instrumentName,
      int rank) {}
}
