package org.ripieno.orchestra.musicians.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import java.time.Instant;
import org.ripieno.persistence.Ids;
import org.ripieno.persistence.Timestamped;

/**
 * A substitute or extra player whom the orchestra can ask to play. Never hard-deleted: archived
 * instead ({@code isArchived}); {@code musicianId} is the human-readable code ({@code MUS001}).
 */
@Entity
@Table(name = "Musician")
@NamedQuery(name = "Musician.all", query = "select m from Musician m order by m.id")
@NamedQuery(
    name = "Musician.countNotArchived",
    query = "select count(m) from Musician m where m.isArchived = false")
@NamedQuery(
    name = "Musician.byEmailIgnoringCase",
    query = "select m from Musician m where lower(m.email) = :email")
public class Musician extends Timestamped {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Integer id;

  private String musicianId;

  private String firstName;

  private String lastName;

  private String email;

  private String phone;

  private String preferredLanguage = "sv";

  private Boolean localResidence = false;

  private String notes;

  private Boolean isActive = true;

  private Boolean isArchived = false;

  private Instant archivedAt;

  private Instant restoredAt;

  @PrePersist
  void onPersist() {
    if (musicianId == null) {
      musicianId = Ids.newId();
    }
  }

  public Integer getId() {
    return id;
  }

  public void setId(Integer id) {
    this.id = id;
  }

  public String getMusicianId() {
    return musicianId;
  }

  public void setMusicianId(String musicianId) {
    this.musicianId = musicianId;
  }

  public String getFirstName() {
    return firstName;
  }

  public void setFirstName(String firstName) {
    this.firstName = firstName;
  }

  public String getLastName() {
    return lastName;
  }

  public void setLastName(String lastName) {
    this.lastName = lastName;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getPhone() {
    return phone;
  }

  public void setPhone(String phone) {
    this.phone = phone;
  }

  public String getPreferredLanguage() {
    return preferredLanguage;
  }

  public void setPreferredLanguage(String preferredLanguage) {
    this.preferredLanguage = preferredLanguage;
  }

  public Boolean getLocalResidence() {
    return localResidence;
  }

  public void setLocalResidence(Boolean localResidence) {
    this.localResidence = localResidence;
  }

  public String getNotes() {
    return notes;
  }

  public void setNotes(String notes) {
    this.notes = notes;
  }

  public Boolean getIsActive() {
    return isActive;
  }

  public void setIsActive(Boolean isActive) {
    this.isActive = isActive;
  }

  public Boolean getIsArchived() {
    return isArchived;
  }

  public void setIsArchived(Boolean isArchived) {
    this.isArchived = isArchived;
  }

  public Instant getArchivedAt() {
    return archivedAt;
  }

  public void setArchivedAt(Instant archivedAt) {
    this.archivedAt = archivedAt;
  }

  public Instant getRestoredAt() {
    return restoredAt;
  }

  public void setRestoredAt(Instant restoredAt) {
    this.restoredAt = restoredAt;
  }
}
