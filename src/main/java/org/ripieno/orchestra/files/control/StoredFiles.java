package org.ripieno.orchestra.files.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ripieno.tenancy.OrchestraData;

/**
 * The bytes of files, in the orchestra's database ({@code FileStorage}), so every instance serves
 * them. A {@code ProjectFile} names its bytes by the legacy {@code fileUrl} {@code
 * /api/files/<storage id>}; several may name the same bytes. Sizes are read without the bytes.
 */
@ApplicationScoped
public class StoredFiles {

  static final String URL_PREFIX = "/api/files/";

  /** One file's bytes with the name and type it is served under. */
  public record Content(String name, String mimeType, byte[] bytes) {}

  @Inject @OrchestraData EntityManager orchestra;

  /** The storage id a legacy {@code fileUrl} names; null for a URL elsewhere. */
  public static String storageIdOf(String fileUrl) {
    return fileUrl != null && fileUrl.startsWith(URL_PREFIX) && fileUrl.length() > 11
        ? fileUrl.substring(URL_PREFIX.length())
        : null;
  }

  static String urlOf(String storageId) {
    return URL_PREFIX + storageId;
  }

  /** Sizes by storage id, the bytes left unread. */
  public Map<String, Integer> sizes(Collection<String> storageIds) {
    Map<String, Integer> sizes = new HashMap<>();
    List<String> ids = storageIds.stream().filter(id -> id != null).distinct().toList();
    if (ids.isEmpty()) {
      return sizes;
    }
    orchestra
        .createQuery("SELECT s.id, s.size FROM FileStorage s WHERE s.id IN :ids", Object[].class)
        .setParameter("ids", ids)
        .getResultList()
        .forEach(row -> sizes.put((String) row[0], (Integer) row[1]));
    return sizes;
  }

  /** The bytes, or empty when they are not in this database. */
  public Optional<Content> content(String storageId, String name) {
    if (storageId == null) {
      return Optional.empty();
    }
    return orchestra
        .createQuery(
            "SELECT s.mimeType, s.content FROM FileStorage s WHERE s.id = :id", Object[].class)
        .setParameter("id", storageId)
        .getResultStream()
        .findFirst()
        .map(row -> new Content(name, (String) row[0], (byte[]) row[1]));
  }
}
