package org.ripieno.security.control;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.ripieno.security.Role;

/**
 * How far Ripieno trusts the claims of its SSO issuer. The issuer decides between {@code admin} and
 * {@code user}; it names the orchestra only once, when the account is first linked, because a claim
 * a user can influence (an identity provider's self-service profile) must never move an account
 * into another orchestra; and it grants {@code superadmin} only when the operator allows it ({@code
 * ripieno.sso.allow-superadmin}). Thread-safe.
 */
public final class SsoTrust {

  /** Why a sign-in is refused. */
  public enum Refusal {
    /** The token carries none of Ripieno's roles. */
    NO_ROLE,
    /** The token carries only {@code superadmin}, which the issuer may not grant here. */
    SUPERADMIN_NOT_GRANTED,
    /** An account to be linked to an orchestra, and the token names none. */
    NO_ORCHESTRA,
    /** The token names another orchestra than the one the account is linked to. */
    OTHER_ORCHESTRA
  }

  /**
   * The account as Ripieno holds it.
   *
   * @param role its role
   * @param orchestra the subdomain of its orchestra; null for a superadmin
   */
  public record Account(String role, String orchestra) {}

  /**
   * What to do with a sign-in: refuse it, or let the account hold a role in an orchestra.
   *
   * @param refusal why it is refused; null when it is not
   * @param role the role the account holds from now on
   * @param orchestra the subdomain of the account's orchestra; null for a superadmin
   */
  public record Decision(Refusal refusal, String role, String orchestra) {

    static Decision refuse(Refusal refusal) {
      return new Decision(Objects.requireNonNull(refusal), null, null);
    }

    static Decision hold(String role, String orchestra) {
      return new Decision(null, role, orchestra);
    }

    public boolean refused() {
      return refusal != null;
    }
  }

  /** Most privileged first: the first one the token carries (and may grant) is the role. */
  private static final List<String> BY_PRIVILEGE = List.of(Role.SUPERADMIN, Role.ADMIN, Role.USER);

  private final boolean allowSuperadmin;

  public SsoTrust(boolean allowSuperadmin) {
    this.allowSuperadmin = allowSuperadmin;
  }

  public boolean allowsSuperadmin() {
    return allowSuperadmin;
  }

  /**
   * Decides a sign-in.
   *
   * @param account the account linked to the token's subject; null at the first sign-in
   * @param claimedRoles Ripieno's roles among the token's role claims
   * @param claimedOrchestra the subdomain in the token's orchestra claim; may be null
   */
  public Decision decide(
      Account account, Collection<String> claimedRoles, String claimedOrchestra) {
    boolean claimsSuperadmin = claimedRoles.contains(Role.SUPERADMIN);
    String granted =
        BY_PRIVILEGE.stream()
            .filter(role -> allowSuperadmin || !Role.SUPERADMIN.equals(role))
            .filter(claimedRoles::contains)
            .findFirst()
            .orElse(null);
    if (account != null && Role.SUPERADMIN.equals(account.role()) && !allowSuperadmin) {
      // A superadmin made in Ripieno: the issuer does not manage that role, so it cannot take it.
      return granted != null || claimsSuperadmin
          ? Decision.hold(Role.SUPERADMIN, null)
          : Decision.refuse(Refusal.NO_ROLE);
    }
    if (granted == null) {
      return Decision.refuse(claimsSuperadmin ? Refusal.SUPERADMIN_NOT_GRANTED : Refusal.NO_ROLE);
    }
    if (Role.SUPERADMIN.equals(granted)) {
      return Decision.hold(Role.SUPERADMIN, null);
    }
    if (account != null && account.orchestra() != null) {
      return account.orchestra().equals(claimedOrchestra)
          ? Decision.hold(granted, account.orchestra())
          : Decision.refuse(Refusal.OTHER_ORCHESTRA);
    }
    // The first link: a new account, or one that held no orchestra (a superadmin the issuer
    // demoted).
    if (claimedOrchestra == null || claimedOrchestra.isBlank()) {
      return Decision.refuse(Refusal.NO_ORCHESTRA);
    }
    return Decision.hold(granted, claimedOrchestra);
  }
}
