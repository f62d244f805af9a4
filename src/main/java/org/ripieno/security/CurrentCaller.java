package org.ripieno.security;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import org.ripieno.tenancy.OrchestraEntry;

/**
 * The caller of the current request, for beans that record who did something (audit), and the
 * central row of the caller's orchestra as authentication read it in this request.
 */
@RequestScoped
public class CurrentCaller {

  private Caller caller;
  private OrchestraEntry orchestra;

  void set(Caller authenticated, OrchestraEntry ofCaller) {
    caller = authenticated;
    orchestra = ofCaller;
  }

  public Optional<Caller> get() {
    return Optional.ofNullable(caller);
  }

  /**
   * The caller's orchestra (none for a superadmin), read fresh from central by this request's
   * authentication and found active: the orchestra gate enters it without reading central again.
   */
  public Optional<OrchestraEntry> orchestra() {
    return Optional.ofNullable(orchestra);
  }

  /** Used by the authentication filter, which lives in another package. */
  public static void authenticate(CurrentCaller holder, Caller caller, OrchestraEntry ofCaller) {
    holder.set(caller, ofCaller);
  }
}
