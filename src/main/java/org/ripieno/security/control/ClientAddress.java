package org.ripieno.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.ripieno.config.RipienoSettings;

/**
 * The client's address for login protection: the direct peer, unless that peer is a configured
 * trusted proxy ({@code ripieno.login.trusted-proxies}), in which case the nearest address in
 * {@code X-Forwarded-For} that is not itself a trusted proxy. A client cannot spoof it otherwise.
 */
@ApplicationScoped
public class ClientAddress {

  @Inject RipienoSettings settings;

  public String of(String peer, String forwardedFor) {
    List<String> trusted = settings.list("ripieno.login.trusted-proxies");
    if (forwardedFor == null || !trusted.contains(peer)) {
      return peer;
    }
    String[] hops = forwardedFor.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      if (!hop.isEmpty() && !trusted.contains(hop)) {
        return hop;
      }
    }
    return peer;
  }
}
