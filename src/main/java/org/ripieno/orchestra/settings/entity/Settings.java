package org.ripieno.orchestra.settings.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import org.ripieno.persistence.Timestamped;

/**
 * One key/value setting of the orchestra (e.g. {@code reminder_percentage}, {@code
 * ranking_conflict_strategy}).
 */
@Entity
@NamedQuery(name = "Settings.all", query = "SELECT s FROM Settings s ORDER BY s.key")
@NamedQuery(name = "Settings.byKey", query = "SELECT s FROM Settings s WHERE s.key = :key")
@Table(name = "Settings")
public class Settings extends Timestamped {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Integer id;

  private String key;

  private String value;

  private String description;

  public Integer getId() {
    return id;
  }

  public void setId(Integer id) {
    this.id = id;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }
}
