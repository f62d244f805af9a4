package org.ripieno.orchestra.rankings.boundary;

import org.ripieno.orchestra.musicians.entity.Musician;

/** A musician as a ranking list shows it; {@code rank} is null where no rank applies. */
public record RankedMusician(
    Integer rank,
    Integer id,
    String musicianId,
    String firstName,
    String lastName,
    String email,
    boolean isActive,
    boolean isArchived) {

  public static RankedMusician of(Integer rank, Musician musician) {
    return new RankedMusician(
        rank,
        musician.getId(),
        musician.getMusicianId(),
        musician.getFirstName(),
        musician.getLastName(),
        musician.getEmail(),
        Boolean.TRUE.equals(musician.getIsActive()),
        Boolean.TRUE.equals(musician.getIsArchived()));
  }
}
