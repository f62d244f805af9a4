package org.ripieno.security.tokens;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.ripieno.web.Text;

/**
 * The secret in a musician's answer link: {@code <orchestra id>.<secret>}, the secret 256 bits from
 * {@link SecureRandom} in base64url without padding, so the link needs no encoding. The prefix only
 * says which orchestra's database to look in; the whole token is looked up there, so a token of one
 * orchestra never answers in another. Tokens of adopted legacy databases (cuids) have no dot and no
 * prefix: their link names the orchestra ({@code org=}).
 */
public final class ResponseTokens {

  /** 32 bytes: twice the 128 bits product.md decision 4 asks for. */
  static final int SECRET_BYTES = 32;

  /** Longer than any token Ripieno or the legacy system made; a longer value is not looked up. */
  public static final int MAX_LENGTH = 200;

  /**
   * What a link that leads nowhere says, whether its orchestra or its token is unknown: nothing
   * tells the two apart.
   */
  public static final Text UNKNOWN_LINK =
      Text.of(
          "This link is not valid. Please check that you used the whole link from the message.",
          "Länken är ogiltig. Kontrollera att du använde hela länken från meddelandet.");

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private ResponseTokens() {}

  public static String newToken(String orchestraId) {
    if (orchestraId == null || orchestraId.isEmpty() || orchestraId.contains(".")) {
      throw new IllegalArgumentException("An orchestra id without dots is needed: " + orchestraId);
    }
    byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(secret);
    return orchestraId + "." + BASE64URL.encodeToString(secret);
  }

  /** The orchestra a Ripieno token belongs to; empty for a legacy token or a malformed value. */
  public static Optional<String> orchestraOf(String token) {
    if (token == null || token.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    int dot = token.lastIndexOf('.');
    if (dot <= 0 || dot == token.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(token.substring(0, dot));
  }

  /** Whether the value could be a token at all (a Ripieno token or a legacy cuid). */
  public static boolean plausible(String token) {
    return token != null
        && !token.isEmpty()
        && token.length() <= MAX_LENGTH
        && token
            .chars()
            .allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || "-_.".indexOf(c) >= 0));
  }
}
