package org.ripieno.orchestra.templates.entity;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import org.ripieno.persistence.Ids;
import org.ripieno.persistence.JsonbConverter;
import org.ripieno.persistence.Timestamped;

/**
 * An email template of one {@code type} ({@code request}, {@code reminder}, {@code confirmation},
 * {@code position_filled}, and {@code _en} variants) with {@code {{var}}} placeholders.
 */
@Entity
@NamedQuery(name = "EmailTemplate.all", query = "SELECT t FROM EmailTemplate t ORDER BY t.type")
@NamedQuery(
    name = "EmailTemplate.byType",
    query = "SELECT t FROM EmailTemplate t WHERE t.type = :type")
@Table(name = "EmailTemplate")
public class EmailTemplate extends Timestamped {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Integer id;

  private String emailTemplateId;

  private String type;

  private String subject;

  private String body;

  @Convert(converter = JsonbConverter.class)
  private String variables;

  @PrePersist
  void onPersist() {
    if (emailTemplateId == null) {
      emailTemplateId = Ids.newId();
    }
  }

  public Integer getId() {
    return id;
  }

  public void setId(Integer id) {
    this.id = id;
  }

  public String getEmailTemplateId() {
    return emailTemplateId;
  }

  public void setEmailTemplateId(String emailTemplateId) {
    this.emailTemplateId = emailTemplateId;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String getSubject() {
    return subject;
  }

  public void setSubject(String subject) {
    this.subject = subject;
  }

  public String getBody() {
    return body;
  }

  public void setBody(String body) {
    this.body = body;
  }

  public String getVariables() {
    return variables;
  }

  public void setVariables(String variables) {
    this.variables = variables;
  }
}
