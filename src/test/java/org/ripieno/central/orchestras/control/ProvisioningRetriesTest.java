package org.ripieno.central.orchestras.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProvisioningRetriesTest {

  private final ProvisioningRetries retries = new ProvisioningRetries(4, Duration.ofSeconds(5));

  @Nested
  class WhatCountsAsTransient {

    @ParameterizedTest
    @ValueSource(
        strings = {"08001", "08006", "08003", "40001", "40P01", "53300", "55P03", "57014", "57P01"})
    void aSqlStateOfAPassingCauseIsTransient(String state) {
      assertThat(ProvisioningRetries.isTransient(new SQLException("whatever", state))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"42P01", "23505", "42501", "3D000", "XX000"})
    void aSqlStateOfALastingCauseIsNot(String state) {
      assertThat(ProvisioningRetries.isTransient(new SQLException("whatever", state))).isFalse();
    }

    @Test
    void aPoolThatGaveNoConnectionInTimeIsTransientWithoutASqlState() {
      assertThat(
              ProvisioningRetries.isTransient(
                  new SQLTransientConnectionException(
                      "central - Connection is not available, request timed out after 10000ms")))
          .isTrue();
    }

    @Test
    void theMessageTextDecidesNothing() {
      assertThat(ProvisioningRetries.isTransient(new SQLException("Connection refused"))).isFalse();
      assertThat(ProvisioningRetries.isTransient(new IllegalStateException("timed out"))).isFalse();
    }

    @Test
    void aTransientCauseWrappedInAnotherExceptionIsFound() {
      SQLException lost = new SQLException("I/O error", "08006");
      assertThat(ProvisioningRetries.isTransient(new RuntimeException("flyway", lost))).isTrue();
      SQLException batch = new SQLException("batch failed", "XX000");
      batch.setNextException(new SQLException("serialization", "40001"));
      assertThat(ProvisioningRetries.isTransient(batch)).isTrue();
    }
  }

  @Nested
  class WhenToResume {

    private final SQLException lost = new SQLException("lost", "08006");

    @Test
    void eachWaitIsTwiceTheOneBefore() {
      assertThat(retries.delayAfter(lost, 1)).contains(Duration.ofSeconds(5));
      assertThat(retries.delayAfter(lost, 2)).contains(Duration.ofSeconds(10));
      assertThat(retries.delayAfter(lost, 3)).contains(Duration.ofSeconds(20));
    }

    @Test
    void afterTheLastTryItIsLeftForAnOperator() {
      assertThat(retries.delayAfter(lost, 4)).isEmpty();
      assertThat(retries.delayAfter(lost, 9)).isEmpty();
    }

    @Test
    void aPermanentCauseIsLeftForAnOperatorAtOnce() {
      assertThat(retries.delayAfter(new SQLException("marked for another", "P0001"), 1)).isEmpty();
    }

    @Test
    void noWaitIsLongerThanTenMinutes() {
      ProvisioningRetries many = new ProvisioningRetries(20, Duration.ofMinutes(3));
      assertThat(many.delayAfter(lost, 19)).contains(Duration.ofMinutes(10));
    }

    @Test
    void triesAndDelayOutsideTheirRangeAreRefused() {
      assertThatThrownBy(() -> new ProvisioningRetries(0, Duration.ofSeconds(5)))
          .hasMessageContaining("ripieno.provisioning.max-tries");
      assertThatThrownBy(() -> new ProvisioningRetries(3, Duration.ZERO))
          .hasMessageContaining("ripieno.provisioning.retry-delay");
    }
  }
}
