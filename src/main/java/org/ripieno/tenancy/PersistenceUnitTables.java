package org.ripieno.tenancy;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads the entity classes of a persistence unit from {@code META-INF/persistence.xml} and turns
 * them into table names, so the unit's class list is the only place a table is declared.
 */
final class PersistenceUnitTables {

  private static final String PERSISTENCE_XML = "META-INF/persistence.xml";

  private PersistenceUnitTables() {}

  static Set<String> of(String unitName) {
    return entities(unitName).keySet();
  }

  /** The unit's entity classes by table name, in the unit's order. */
  static Map<String, Class<?>> entities(String unitName) {
    ClassLoader loader = PersistenceUnitTables.class.getClassLoader();
    try (InputStream xml = loader.getResourceAsStream(PERSISTENCE_XML)) {
      if (xml == null) {
        throw new IllegalStateException(PERSISTENCE_XML + " is not on the class path");
      }
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setNamespaceAware(true);
      NodeList units =
          factory.newDocumentBuilder().parse(xml).getElementsByTagNameNS("*", "persistence-unit");
      for (int u = 0; u < units.getLength(); u++) {
        Element unit = (Element) units.item(u);
        if (unitName.equals(unit.getAttribute("name"))) {
          return tablesOf(unit, loader);
        }
      }
      throw new IllegalStateException(
          "No persistence unit '" + unitName + "' in " + PERSISTENCE_XML);
    } catch (IOException | ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("Cannot read " + PERSISTENCE_XML, e);
    }
  }

  private static Map<String, Class<?>> tablesOf(Element unit, ClassLoader loader) {
    Map<String, Class<?>> tables = new LinkedHashMap<>();
    NodeList classes = unit.getElementsByTagNameNS("*", "class");
    for (int c = 0; c < classes.getLength(); c++) {
      String className = classes.item(c).getTextContent().trim();
      Class<?> type;
      try {
        type = Class.forName(className, false, loader);
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("persistence.xml lists a missing class " + className, e);
      }
      if (type.isAnnotationPresent(Entity.class)) {
        tables.put(tableName(type), type);
      }
    }
    return tables;
  }

  private static String tableName(Class<?> entity) {
    Table table = entity.getAnnotation(Table.class);
    if (table != null && !table.name().isEmpty()) {
      return table.name();
    }
    String entityName = entity.getAnnotation(Entity.class).name();
    return entityName.isEmpty() ? entity.getSimpleName() : entityName;
  }
}
