package org.ripieno.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.sql.SQLException;
import org.postgresql.util.PGobject;

/**
 * Binds a JSON document held as a {@code String} to a {@code JSONB} column. EclipseLink would bind
 * a plain String as {@code varchar}, which PostgreSQL refuses for {@code jsonb}.
 *
 * <p>Not auto-applied: annotate JSONB attributes with {@code @Convert(converter =
 * JsonbConverter.class)}.
 */
@Converter
public class JsonbConverter implements AttributeConverter<String, Object> {

  @Override
  public Object convertToDatabaseColumn(String json) {
    // A null is sent as a jsonb null too: a plain null would be bound as varchar and refused.
    PGobject value = new PGobject();
    value.setType("jsonb");
    try {
      value.setValue(json);
    } catch (SQLException impossible) {
      throw new IllegalStateException(impossible);
    }
    return value;
  }

  @Override
  public String convertToEntityAttribute(Object column) {
    if (column == null) {
      return null;
    }
    return column instanceof PGobject pg ? pg.getValue() : column.toString();
  }
}
