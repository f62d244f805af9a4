package org.ripieno.central.orchestras.control;

import java.util.Set;
import java.util.regex.Pattern;
import org.ripieno.web.ProblemException;

/**
 * The rule for the subdomain of a new orchestra. Subdomains name orchestras in paths and connection
 * names and stand in a host name one day, so they are short, lower-case and never one of the names
 * the platform itself uses. Restored or adopted legacy subdomains are kept as they are: the rule is
 * for new orchestras only.
 */
public final class Subdomains {

  private static final Pattern FORMAT = Pattern.compile("[a-z0-9-]{2,40}");

  /**
   * The legacy system's subdomain rule, the loosest a subdomain may be: it names the orchestra in
   * paths. Imported and adopted orchestras keep legacy names.
   */
  private static final Pattern LEGACY_FORMAT = Pattern.compile("[a-z0-9-]{1,63}");

  /** Names of the platform's own paths, hosts and roles. */
  static final Set<String> RESERVED =
      Set.of(
          "admin",
          "administrator",
          "api",
          "app",
          "assets",
          "auth",
          "demo",
          "docs",
          "ftp",
          "health",
          "help",
          "imap",
          "internal",
          "login",
          "mail",
          "metrics",
          "openapi",
          "platform",
          "pop",
          "postgres",
          "public",
          "respond",
          "ripieno",
          "root",
          "smtp",
          "static",
          "status",
          "superadmin",
          "support",
          "system",
          "template",
          "www");

  private Subdomains() {}

  /** The subdomain, trimmed, when a new orchestra may have it; else a 400 saying why. */
  public static String requireValidForNewOrchestra(String subdomain) {
    String candidate = subdomain == null ? "" : subdomain.trim();
    if (!FORMAT.matcher(candidate).matches()) {
      throw ProblemException.badRequest(
          "A subdomain has 2 to 40 characters: lower-case letters a-z, digits and -.",
          "En subdomän har 2 till 40 tecken: gemener a-z, siffror och -.");
    }
    if (candidate.startsWith("-") || candidate.endsWith("-")) {
      throw ProblemException.badRequest(
          "A subdomain cannot start or end with -.",
          "En subdomän kan inte börja eller sluta med -.");
    }
    if (RESERVED.contains(candidate)) {
      throw ProblemException.badRequest(
          "The subdomain {0} is reserved for the platform.",
          "Subdomänen {0} är reserverad för plattformen.", candidate);
    }
    return candidate;
  }

  /** Whether {@code subdomain} follows the legacy rule {@code [a-z0-9-]}, 1 to 63 characters. */
  public static boolean isValidLegacy(String subdomain) {
    return subdomain != null && LEGACY_FORMAT.matcher(subdomain).matches();
  }

  /**
   * A new orchestra database's name on its server: the configured prefix, {@code orchestra_} and
   * the subdomain with {@code -} as {@code _} (one-to-one, since subdomains hold no {@code _}).
   */
  public static String databaseName(String prefix, String subdomain) {
    return prefix + "orchestra_" + subdomain.replace('-', '_');
  }
}
