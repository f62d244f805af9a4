package org.ripieno.datasafety.central.control;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A legacy {@code databaseUrl} ({@code postgresql://user:password@host:port/database?params}, as
 * Prisma took it) split into what Ripieno's registry keeps: host, port, database name and the
 * entry's own login. Query parameters are for the legacy client ({@code pgbouncer=true}, {@code
 * connection_limit}, ...) and are not carried; they are returned so the restore can say so. User
 * and password given as parameters instead of in the authority are taken.
 *
 * @param parameters the parameters that are not carried, in their order
 */
public record LegacyDatabaseUrl(
    String host,
    int port,
    String database,
    String user,
    String password,
    Map<String, String> parameters) {

  private static final Set<String> SCHEMES = Set.of("postgresql", "postgres", "jdbc:postgresql");

  public LegacyDatabaseUrl {
    parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /**
   * @throws IllegalArgumentException when the text is not a PostgreSQL URL; the message never holds
   *     the password
   */
  public static LegacyDatabaseUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("The database URL is empty");
    }
    String text = url.trim();
    int schemeEnd = text.indexOf("://");
    if (schemeEnd < 0 || !SCHEMES.contains(text.substring(0, schemeEnd).toLowerCase())) {
      throw new IllegalArgumentException(
          "Not a PostgreSQL URL (postgresql://user:password@host:port/database)");
    }
    String rest = text.substring(schemeEnd + 3);
    String query = "";
    // The password may hold any character; the query starts after the last '@'.
    int at = rest.lastIndexOf('@');
    int question = rest.indexOf('?', Math.max(at, 0));
    if (question >= 0) {
      query = rest.substring(question + 1);
      rest = rest.substring(0, question);
    }
    at = rest.lastIndexOf('@');
    String user = null;
    String password = null;
    if (at >= 0) {
      String userInfo = rest.substring(0, at);
      rest = rest.substring(at + 1);
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
    }
    int slash = rest.indexOf('/');
    String hostPort = slash < 0 ? rest : rest.substring(0, slash);
    String database = slash < 0 ? "" : decode(rest.substring(slash + 1));
    String host;
    int port = 5432;
    int portColon =
        hostPort.startsWith("[")
            ? hostPort.indexOf(':', hostPort.indexOf(']'))
            : hostPort.lastIndexOf(':');
    if (portColon >= 0) {
      host = hostPort.substring(0, portColon);
      try {
        port = Integer.parseInt(hostPort.substring(portColon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("The database URL has no valid port after " + host);
      }
    } else {
      host = hostPort;
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("The database URL names no host");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      if ("user".equals(name) && user == null) {
        user = value;
      } else if ("password".equals(name) && password == null) {
        password = value;
      } else if (!"user".equals(name) && !"password".equals(name)) {
        parameters.put(name, value);
      }
    }
    return new LegacyDatabaseUrl(
        host,
        port,
        database.isEmpty() ? "postgres" : database,
        emptyToNull(user),
        password,
        parameters);
  }

  /** The parameters as {@code name=value}, for the restore's notes. */
  public String droppedParameters() {
    StringBuilder text = new StringBuilder();
    parameters.forEach(
        (name, value) -> {
          if (text.length() > 0) {
            text.append('&');
          }
          text.append(name).append('=').append(value);
        });
    return text.toString();
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return (user == null ? "" : user + "@") + host + ":" + port + "/" + database;
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  /** Percent-decoding only: a '+' in a password stays a '+' (URLDecoder would make it a space). */
  private static String decode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = 0;
    while (i < text.length()) {
      int c = text.codePointAt(i);
      if (c == '%' && isHex(text, i + 1) && isHex(text, i + 2)) {
        bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 3;
      } else {
        byte[] encoded = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
        i += Character.charCount(c);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static boolean isHex(String text, int index) {
    return index < text.length() && Character.digit(text.charAt(index), 16) >= 0;
  }
}
