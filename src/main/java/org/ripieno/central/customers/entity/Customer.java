package org.ripieno.central.customers.entity;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import org.ripieno.persistence.Ids;
import org.ripieno.persistence.Timestamped;
import org.ripieno.security.secrets.EncryptedString;

/**
 * The legacy tenant registry {@code "Customer"}, superseded by {@code Orchestra}; kept so an
 * existing StageSub central database maps as it is.
 */
@Entity
@NamedQuery(name = "Customer.all", query = "SELECT c FROM Customer c ORDER BY c.name")
@NamedQuery(name = "Customer.countAll", query = "SELECT COUNT(c) FROM Customer c")
@NamedQuery(
    name = "Customer.bySubdomain",
    query = "SELECT c FROM Customer c WHERE c.subdomain = :subdomain")
@Table(name = "Customer")
public class Customer extends Timestamped {

  @Id private String id;

  private String name;
  private String subdomain;

  /** May carry credentials (a legacy PostgreSQL URL): encrypted at rest, masked in answers. */
  @Convert(converter = EncryptedString.class)
  private String databaseUrl;

  private String status = "active";
  private String contactEmail;
  private String plan = "small";

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

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getSubdomain() {
    return subdomain;
  }

  public void setSubdomain(String subdomain) {
    this.subdomain = subdomain;
  }

  public String getDatabaseUrl() {
    return databaseUrl;
  }

  public void setDatabaseUrl(String databaseUrl) {
    this.databaseUrl = databaseUrl;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public String getContactEmail() {
    return contactEmail;
  }

  public void setContactEmail(String contactEmail) {
    this.contactEmail = contactEmail;
  }

  public String getPlan() {
    return plan;
  }

  public void setPlan(String plan) {
    this.plan = plan;
  }
}
