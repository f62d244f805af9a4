package org.ripieno.central.users.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import java.time.Instant;
import org.ripieno.central.orchestras.entity.Orchestra;
import org.ripieno.persistence.Ids;
import org.ripieno.persistence.Timestamped;

/**
 * A login account in the central {@code "User"} table: a superadmin (no orchestra) or an admin or
 * user of exactly one orchestra. Musicians never log in.
 */
@Entity
@Table(name = "User")
// The account and its orchestra in one SELECT: authentication reads both fresh at every request.
@NamedQuery(
    name = "User.withOrchestra",
    query = "SELECT u FROM User u LEFT JOIN FETCH u.orchestra WHERE u.id = :id")
@NamedQuery(name = "User.byUsername", query = "SELECT u FROM User u WHERE u.username = :username")
@NamedQuery(name = "User.byEmail", query = "SELECT u FROM User u WHERE u.email = :email")
@NamedQuery(
    name = "User.byExternalSubject",
    query = "SELECT u FROM User u WHERE u.externalSubject = :subject")
@NamedQuery(name = "User.all", query = "SELECT u FROM User u ORDER BY u.username")
@NamedQuery(name = "User.countAll", query = "SELECT COUNT(u) FROM User u")
@NamedQuery(
    name = "User.ofOrchestra",
    query = "SELECT u FROM User u WHERE u.orchestraId = :orchestraId ORDER BY u.username")
@NamedQuery(
    name = "User.countOfOrchestra",
    query = "SELECT COUNT(u) FROM User u WHERE u.orchestraId = :orchestraId")
@NamedQuery(
    name = "User.countActiveSuperadminsBesides",
    query =
        "SELECT COUNT(u) FROM User u WHERE u.role = 'superadmin' AND u.active = true"
            + " AND u.id <> :id")
@NamedQuery(
    name = "User.countSuperadmins",
    query = "SELECT COUNT(u) FROM User u WHERE u.role = 'superadmin'")
public class User extends Timestamped {

  @Id private String id;

  private String email;
  private String role = "user";

  /** The owning orchestra's {@code Orchestra.id}; null for a superadmin. */
  private String orchestraId;

  private String passwordHash;
  private boolean active = true;
  private String username;
  private Instant lastLogin;
  private boolean isArchived;
  private boolean localResident;
  private String preferredLanguage = "sv";
  private boolean mustChangePassword;
  private int tokenVersion;
  private String externalSubject;

  /** Read-only view of {@link #orchestraId}; set the id to change the orchestra. */
  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "orchestraId", insertable = false, updatable = false)
  private Orchestra orchestra;

  @PrePersist
  void prePersist() {
    if (id == null) {
      id = Ids.newId();
    }
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getRole() {
    return role;
  }

  public void setRole(String role) {
    this.role = role;
  }

  public String getOrchestraId() {
    return orchestraId;
  }

  public void setOrchestraId(String orchestraId) {
    this.orchestraId = orchestraId;
  }

  public String getPasswordHash() {
    return passwordHash;
  }

  public void setPasswordHash(String passwordHash) {
    this.passwordHash = passwordHash;
  }

  public boolean isActive() {
    return active;
  }

  public void setActive(boolean active) {
    this.active = active;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public Instant getLastLogin() {
    return lastLogin;
  }

  public void setLastLogin(Instant lastLogin) {
    this.lastLogin = lastLogin;
  }

  public boolean isArchived() {
    return isArchived;
  }

  public void setArchived(boolean archived) {
    this.isArchived = archived;
  }

  public boolean isLocalResident() {
    return localResident;
  }

  public void setLocalResident(boolean localResident) {
    this.localResident = localResident;
  }

  public String getPreferredLanguage() {
    return preferredLanguage;
  }

  public void setPreferredLanguage(String preferredLanguage) {
    this.preferredLanguage = preferredLanguage;
  }

  public Orchestra getOrchestra() {
    return orchestra;
  }

  /** Set while the password is one Ripieno generated; cleared when its owner chooses one. */
  public boolean isMustChangePassword() {
    return mustChangePassword;
  }

  public void setMustChangePassword(boolean mustChangePassword) {
    this.mustChangePassword = mustChangePassword;
  }

  /** Carried in every token; raising it invalidates all tokens issued before. */
  public int getTokenVersion() {
    return tokenVersion;
  }

  public void setTokenVersion(int tokenVersion) {
    this.tokenVersion = tokenVersion;
  }

  /** The enterprise SSO subject of this account, null for a local account. */
  public String getExternalSubject() {
    return externalSubject;
  }

  public void setExternalSubject(String externalSubject) {
    this.externalSubject = externalSubject;
  }
}
