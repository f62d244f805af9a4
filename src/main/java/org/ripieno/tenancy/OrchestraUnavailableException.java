package org.ripieno.tenancy;

import org.ripieno.web.Text;

/**
 * An orchestra whose database cannot be served right now: unreachable, not its own (identity
 * marker), missing tables, behind the code's schema version, or no connection to be had within the
 * budget. Answered with 503 and its {@link #publicDetail()}; the message, which may name servers,
 * databases and causes, is for the log only.
 */
public class OrchestraUnavailableException extends RuntimeException {

  /** What a client is told when nothing more specific is safe and useful to say. */
  public static final Text UNAVAILABLE =
      Text.of(
          "The orchestra's database is unavailable right now; please try again later.",
          "Orkesterns databas är inte tillgänglig just nu; försök igen senare.");

  private final transient Text publicDetail;

  /** Whether the log already says why (see {@link #isLogged()}). */
  private boolean logged;

  public OrchestraUnavailableException(String message) {
    this(UNAVAILABLE, message, null);
  }

  public OrchestraUnavailableException(String message, Throwable cause) {
    this(UNAVAILABLE, message, cause);
  }

  public OrchestraUnavailableException(Text publicDetail, String message) {
    this(publicDetail, message, null);
  }

  /**
   * @param publicDetail what the client is told, in words a person understands, without addresses
   *     or causes
   * @param message for the log
   */
  public OrchestraUnavailableException(Text publicDetail, String message, Throwable cause) {
    super(message, cause);
    this.publicDetail = publicDetail;
  }

  public Text publicDetail() {
    return publicDetail;
  }

  /**
   * Whether the log already says why: the registry logged the failed attempt to reach the database
   * in one line, and a call refused by its breaker afterwards has nothing to add. Whoever answers
   * for it then logs nothing more than FINE.
   */
  public boolean isLogged() {
    return logged;
  }

  OrchestraUnavailableException markLogged() {
    logged = true;
    return this;
  }
}
