package org.ripieno.tenancy;

import java.time.Instant;

/**
 * Fired once an orchestra's transaction has committed work that falls due at {@code at} (a queued
 * message, a request's reminder or timeout), so the jobs visit that orchestra by then. The
 * orchestra side only knows this event; whoever keeps the jobs' schedule observes it.
 */
public record OrchestraWorkDue(String orchestraId, Instant at) {}
