package org.ripieno.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.ripieno.config.RipienoSettings;

/**
 * The client's address for login protection: the direct peer, unless that peer is a configured
 * trusted proxy ({@code ripieno.login.trusted-proxies}), in which case the nearest address in
 * {@code X-Forwarded-For} that is not itself a trusted proxy. A client cannot spoof it otherwise.
 */
@ApplicationScoped
public class ClientAddress {

  private static final Logger LOG = Logger.getLogger(ClientAddress.class.getName());

  @Inject RipienoSettings settings;

  private final AtomicBoolean untrustedProxyReported = new AtomicBoolean();

  public String of(String peer, String forwardedFor) {
    List<String> trusted = settings.list("ripieno.login.trusted-proxies");
    if (forwardedFor == null) {
      return peer;
    }
    if (!trusted.contains(peer)) {
      reportUntrustedProxy(peer);
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

  /**
   * Once per run: a reverse proxy that is not trusted makes every client look like the proxy, so
   * they all share the per-address login limit. The operator should hear of it before a lock-out.
   */
  private void reportUntrustedProxy(String peer) {
    if (untrustedProxyReported.compareAndSet(false, true)) {
      LOG.warning(
          "Requests carry X-Forwarded-For from "
              + peer
              + ", which is not in ripieno.login.trusted-proxies: login protection counts all of"
              + " them as that one address. If a reverse proxy runs there, add its address to"
              + " ripieno.login.trusted-proxies. (Said once.)");
    }
  }
}
