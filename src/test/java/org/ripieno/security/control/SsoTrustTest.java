package org.ripieno.security.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.ripieno.security.control.SsoTrust.Account;
import org.ripieno.security.control.SsoTrust.Decision;
import org.ripieno.security.control.SsoTrust.Refusal;

/** Which claims of the SSO issuer Ripieno follows, and which it refuses. */
class SsoTrustTest {

  private final SsoTrust byDefault = new SsoTrust(false);
  private final SsoTrust allowingSuperadmin = new SsoTrust(true);

  @Nested
  class TheFirstSignIn {

    @Test
    void linksTheAccountToTheClaimedOrchestraWithTheMostPrivilegedRole() {
      Decision decision = byDefault.decide(null, List.of("admin", "user"), "alpha");

      assertThat(decision).isEqualTo(new Decision(null, "admin", "alpha"));
    }

    @Test
    void withoutAnOrchestraClaimIsRefused() {
      assertThat(byDefault.decide(null, List.of("user"), null).refusal())
          .isEqualTo(Refusal.NO_ORCHESTRA);
      assertThat(byDefault.decide(null, List.of("user"), " ").refusal())
          .isEqualTo(Refusal.NO_ORCHESTRA);
    }

    @Test
    void withoutAnyRipienoRoleIsRefused() {
      assertThat(byDefault.decide(null, List.of(), "alpha").refusal()).isEqualTo(Refusal.NO_ROLE);
    }
  }

  @Nested
  class TheOrchestra {

    private final Account linkedToAlpha = new Account("user", "alpha");

    @Test
    void aClaimForTheLinkedOrchestraIsAccepted() {
      assertThat(byDefault.decide(linkedToAlpha, List.of("user"), "alpha"))
          .isEqualTo(new Decision(null, "user", "alpha"));
    }

    @Test
    void aClaimForAnotherOrchestraIsRefusedInsteadOfFollowed() {
      assertThat(byDefault.decide(linkedToAlpha, List.of("user"), "beta").refusal())
          .isEqualTo(Refusal.OTHER_ORCHESTRA);
    }

    @Test
    void aMissingClaimForALinkedAccountIsRefusedToo() {
      assertThat(byDefault.decide(linkedToAlpha, List.of("admin"), null).refusal())
          .isEqualTo(Refusal.OTHER_ORCHESTRA);
    }
  }

  @Nested
  class Roles {

    @Test
    void aChangeBetweenAdminAndUserIsFollowedInBothDirections() {
      assertThat(byDefault.decide(new Account("user", "alpha"), List.of("admin"), "alpha").role())
          .isEqualTo("admin");
      assertThat(byDefault.decide(new Account("admin", "alpha"), List.of("user"), "alpha").role())
          .isEqualTo("user");
    }

    @Test
    void losingEveryRipienoRoleIsRefused() {
      assertThat(byDefault.decide(new Account("admin", "alpha"), List.of(), "alpha").refusal())
          .isEqualTo(Refusal.NO_ROLE);
    }
  }

  @Nested
  class Superadmin {

    @Test
    void isNeverGrantedFromAClaimByDefault() {
      assertThat(byDefault.decide(null, List.of("superadmin"), null).refusal())
          .isEqualTo(Refusal.SUPERADMIN_NOT_GRANTED);
      assertThat(
              byDefault
                  .decide(new Account("admin", "alpha"), List.of("superadmin"), "alpha")
                  .refusal())
          .isEqualTo(Refusal.SUPERADMIN_NOT_GRANTED);
    }

    @Test
    void aClaimedSuperadminWhoIsAlsoAdminIsOnlyAdminByDefault() {
      assertThat(byDefault.decide(null, List.of("superadmin", "admin"), "alpha"))
          .isEqualTo(new Decision(null, "admin", "alpha"));
    }

    @Test
    void isGrantedWhenAllowedAndThenBelongsToNoOrchestra() {
      assertThat(allowingSuperadmin.decide(null, List.of("superadmin", "admin"), "alpha"))
          .isEqualTo(new Decision(null, "superadmin", null));
      assertThat(
              allowingSuperadmin.decide(
                  new Account("admin", "alpha"), List.of("superadmin"), "alpha"))
          .isEqualTo(new Decision(null, "superadmin", null));
    }

    @Test
    void aSuperadminMadeInRipienoStaysOneWhenTheIssuerMayNotGrantIt() {
      assertThat(byDefault.decide(new Account("superadmin", null), List.of("user"), "alpha"))
          .isEqualTo(new Decision(null, "superadmin", null));
    }

    @Test
    void theIssuerMayDemoteASuperadminItMayGrantAndThenLinksTheClaimedOrchestra() {
      assertThat(
              allowingSuperadmin.decide(new Account("superadmin", null), List.of("admin"), "beta"))
          .isEqualTo(new Decision(null, "admin", "beta"));
    }
  }
}
