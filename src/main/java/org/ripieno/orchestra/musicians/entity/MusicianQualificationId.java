package org.ripieno.orchestra.musicians.entity;

import java.io.Serializable;
import java.util.Objects;

/** Primary key of {@link MusicianQualification}: the musician's and the position's ids. */
public class MusicianQualificationId implements Serializable {

  private static final long serialVersionUID = 1L;

  private Integer musicianId;
  private Integer positionId;

  public MusicianQualificationId() {}

  public MusicianQualificationId(Integer musicianId, Integer positionId) {
    this.musicianId = musicianId;
    this.positionId = positionId;
  }

  public Integer getMusicianId() {
    return musicianId;
  }

  public void setMusicianId(Integer musicianId) {
    this.musicianId = musicianId;
  }

  public Integer getPositionId() {
    return positionId;
  }

  public void setPositionId(Integer positionId) {
    this.positionId = positionId;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MusicianQualificationId that
        && Objects.equals(musicianId, that.musicianId)
        && Objects.equals(positionId, that.positionId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(musicianId, positionId);
  }
}
