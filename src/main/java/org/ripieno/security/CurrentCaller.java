package org.ripieno.security;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/** The caller of the current request, for beans that record who did something (audit). */
@RequestScoped
public class CurrentCaller {

  private Caller caller;

  void set(Caller authenticated) {
    caller = authenticated;
  }

  public Optional<Caller> get() {
    return Optional.ofNullable(caller);
  }

  /** Used by the authentication filter, which lives in another package. */
  public static void authenticate(CurrentCaller holder, Caller caller) {
    holder.set(caller);
  }
}
