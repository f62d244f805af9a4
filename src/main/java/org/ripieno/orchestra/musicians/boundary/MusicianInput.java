package org.ripieno.orchestra.musicians.boundary;

import java.util.List;

/**
 * A musician to create or change (legacy field names). On change, absent fields stay as they are
 * and an empty {@code phone} or {@code notes} clears it; {@code qualificationIds} (position ids)
 * replaces the qualifications when given.
 */
public record MusicianInput(
    String firstName,
    String lastName,
    String email,
    String phone,
    String preferredLanguage,
    Boolean localResidence,
    String notes,
    Boolean isActive,
    List<Integer> qualificationIds) {

  public static MusicianInput orEmpty(MusicianInput input) {
    return input == null
        ? new MusicianInput(null, null, null, null, null, null, null, null, null)
        : input;
  }
}
