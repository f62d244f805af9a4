package org.ripieno.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** Ripieno's HTTP API, under {@code /api}. */
@ApplicationPath("/api")
public class RestApplication extends Application {

  @Override
  public Map<String, Object> getProperties() {
    // No generated WADL: the contract is the OpenAPI document.
    return Map.of("jersey.config.server.wadl.disableWadl", true);
  }
}
