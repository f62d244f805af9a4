package org.ripieno.datasafety.adoption;

import java.util.regex.Pattern;
import org.ripieno.datasafety.central.control.LegacyDatabaseUrl;
import org.ripieno.tenancy.DatabaseAddress;
import org.ripieno.tenancy.DatabaseLogin;

/**
 * The database an operator names for adoption, and the login the orchestra will be served with.
 * Operators paste what they have: a JDBC URL, or the legacy {@code databaseUrl} ({@code
 * postgresql://user:password@host:port/db?pgbouncer=true...}), so both are read with the legacy URL
 * reader ({@link LegacyDatabaseUrl}) and nothing here ever repeats the password.
 *
 * @param user the database's own login (given, else the URL's); null: the orchestra is served with
 *     its server's login, and the registry entry keeps none
 * @param password that login's password (given, else the URL's), or null
 * @param droppedParameters the URL's query parameters, which are not carried (as {@code
 *     name=value&...}, empty when there are none; user and password are never among them, and the
 *     value of any other credential parameter is shown as {@code ***})
 */
public record LegacyDatabase(
    DatabaseAddress address, String user, String password, String droppedParameters) {

  /**
   * Query parameters that carry credentials ({@code user}, {@code password}, and the driver's
   * {@code sslpassword} and the like), wherever they appear in a URL.
   */
  private static final Pattern CREDENTIAL_PARAMETER =
      Pattern.compile(
          "(?i)(^|[?&;])(user|[a-z0-9_.-]*(?:password|passwd|secret|token)[a-z0-9_.-]*)=[^&;]*");

  /**
   * @param url {@code jdbc:postgresql://host:port/db[?...]} or {@code
   *     postgresql://[user[:password]@]host[:port]/db[?...]}
   * @param user {@code --user}, or null to take the URL's
   * @param password {@code --password}, or null to take the URL's
   * @throws IllegalArgumentException when the URL cannot be read, or a password comes without a
   *     user; the message shows the URL only {@link #masked}
   */
  public static LegacyDatabase parse(String url, String user, String password) {
    LegacyDatabaseUrl parsed;
    try {
      parsed = LegacyDatabaseUrl.parse(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "The URL " + masked(url) + " cannot be read: " + e.getMessage());
    }
    String login = user != null && !user.isBlank() ? user : parsed.user();
    String secret = password != null ? password : parsed.password();
    if (secret != null && secret.isEmpty()) {
      secret = null;
    }
    if (login == null && secret != null) {
      // A password for nobody would be stored for nobody: the registry routes an entry without a
      // user through the server's login, so the password would silently not be used.
      throw new IllegalArgumentException(
          "A password without a user: name the user (--user, or in the URL "
              + masked(url)
              + "), or give neither to serve the orchestra with its server's login");
    }
    return new LegacyDatabase(
        new DatabaseAddress(parsed.host(), parsed.port(), parsed.database()),
        login,
        secret,
        maskParameters(parsed.droppedParameters()));
  }

  /** Whether the registry entry gets the database's own login (else the server's is used). */
  public boolean ownLogin() {
    return user != null;
  }

  /**
   * The login adoption connects with: the database's own, or, without one, the login of the server
   * the entry will route through (the login the orchestra is then served with).
   */
  public DatabaseLogin login(DatabaseLogin server, String applicationName) {
    return ownLogin()
        ? new DatabaseLogin(address, user, password, applicationName)
        : new DatabaseLogin(address, server.user(), server.password(), applicationName);
  }

  /**
   * The URL as an operator may see it again: the user information before the host and any {@code
   * user=} or {@code password=} parameter replaced by {@code ***}. Also for text that is no valid
   * URL (a host forgotten: {@code postgresql://sco:secret/db} shows {@code sco:***}).
   */
  public static String masked(String url) {
    if (url == null) {
      return "(none)";
    }
    String text = maskParameters(url.trim());
    int schemeEnd = text.indexOf("://");
    int start = schemeEnd < 0 ? 0 : schemeEnd + 3;
    // The password may hold '@', '/' or '?': the user information ends at the last '@'.
    int at = text.lastIndexOf('@');
    if (at >= start) {
      return text.substring(0, start) + "***" + text.substring(at);
    }
    int end = start;
    while (end < text.length() && text.charAt(end) != '/' && text.charAt(end) != '?') {
      end++;
    }
    int colon = text.lastIndexOf(':', end - 1);
    if (colon >= start && !text.substring(colon + 1, end).matches("\\d*")) {
      // No host after user:password: what follows the colon is no port.
      return text.substring(0, colon + 1) + "***" + text.substring(end);
    }
    return text;
  }

  private static String maskParameters(String text) {
    return CREDENTIAL_PARAMETER.matcher(text).replaceAll("$1$2=***");
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return (user == null ? "" : user + "@") + address;
  }
}
