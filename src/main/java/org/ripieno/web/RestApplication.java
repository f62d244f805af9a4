package org.ripieno.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Ripieno's HTTP API, under {@code /api}. */
@ApplicationPath("/api")
public class RestApplication extends Application {}
