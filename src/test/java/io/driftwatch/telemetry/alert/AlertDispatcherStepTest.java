package io.driftwatch.telemetry.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.driftwatch.telemetry.alert.AlertDispatcher.Step;
import io.driftwatch.telemetry.alert.JdbcAlertStateDao.DeliveryStatus;
import io.driftwatch.telemetry.alert.JdbcAlertStateDao.State;

/** What one observation asks of one sink, given the state row. */
class AlertDispatcherStepTest {

    private static final Instant NOW = Instant.parse("2026-05-02T02:00:00Z");
    private static final LocalDate NIGHT = LocalDate.of(2026, 5, 2);
    private static final Duration REFRESH = Duration.ofHours(18);

    @Test
    void aFiringProblemWithoutARowOpensAnIncidentAndAResolvedOneDoesNothing() {
        assertThat(AlertDispatcher.decide(Optional.empty(), alert(Alert.Status.FIRING, NIGHT), REFRESH, NOW)).isEqualTo(Step.OPEN);
        assertThat(AlertDispatcher.decide(Optional.empty(), alert(Alert.Status.RESOLVED, NIGHT), REFRESH, NOW)).isEqualTo(Step.NONE);
    }

    @Test
    void aChangeOfStatusIsATransition() {
        State firing = state(Alert.Status.FIRING, NIGHT.minusDays(1), DeliveryStatus.DELIVERED, null);

        assertThat(AlertDispatcher.decide(Optional.of(firing), alert(Alert.Status.RESOLVED, NIGHT), null, NOW))
                .isEqualTo(Step.TRANSITION);
    }

    @Test
    void aPersistingProblemIsRefreshedOnlyForSinksThatForgetIt() {
        State firing = state(Alert.Status.FIRING, NIGHT.minusDays(1), DeliveryStatus.DELIVERED, null);

        assertThat(AlertDispatcher.decide(Optional.of(firing), alert(Alert.Status.FIRING, NIGHT), REFRESH, NOW)).isEqualTo(Step.REFRESH);
        assertThat(AlertDispatcher.decide(Optional.of(firing), alert(Alert.Status.FIRING, NIGHT), null, NOW)).isEqualTo(Step.NONE);
    }

    @Test
    void aDuplicateObservationWithinTheRefreshIntervalIsNotSentAgain() {
        State justDelivered = new State("driftwatch/loans/dataset_drift", "alertmanager", Alert.Status.FIRING, NIGHT,
                NOW.minusSeconds(60), DeliveryStatus.DELIVERED, 1, null, 3, NOW.minusSeconds(30));

        assertThat(AlertDispatcher.decide(Optional.of(justDelivered), alert(Alert.Status.FIRING, NIGHT), REFRESH, NOW))
                .isEqualTo(Step.NONE);
        assertThat(AlertDispatcher.decide(Optional.of(justDelivered), alert(Alert.Status.FIRING, NIGHT.plusDays(1)), REFRESH,
                NOW.plus(Duration.ofDays(1)))).isEqualTo(Step.REFRESH);
    }

    @Test
    void anUndeliveredStateIsSentAgain() {
        State failed = state(Alert.Status.RESOLVED, NIGHT.minusDays(1), DeliveryStatus.FAILED, null);
        State pending = state(Alert.Status.FIRING, NIGHT.minusDays(1), DeliveryStatus.PENDING, NOW.minusSeconds(1));

        assertThat(AlertDispatcher.decide(Optional.of(failed), alert(Alert.Status.RESOLVED, NIGHT), null, NOW)).isEqualTo(Step.RETRY);
        assertThat(AlertDispatcher.decide(Optional.of(pending), alert(Alert.Status.FIRING, NIGHT), null, NOW)).isEqualTo(Step.RETRY);
    }

    @Test
    void aRowClaimedByAnotherProcessIsLeftToIt() {
        State claimed = state(Alert.Status.FIRING, NIGHT, DeliveryStatus.PENDING, NOW.plusSeconds(60));

        assertThat(AlertDispatcher.decide(Optional.of(claimed), alert(Alert.Status.RESOLVED, NIGHT), REFRESH, NOW)).isEqualTo(Step.BUSY);
    }

    @Test
    void aBackfillOfAnOlderDateNeverOverridesANewerObservation() {
        State firing = state(Alert.Status.FIRING, NIGHT, DeliveryStatus.DELIVERED, null);

        assertThat(AlertDispatcher.decide(Optional.of(firing), alert(Alert.Status.RESOLVED, NIGHT.minusDays(3)), REFRESH, NOW))
                .isEqualTo(Step.STALE);
        assertThat(AlertDispatcher.decide(Optional.of(firing), alert(Alert.Status.RESOLVED, null), REFRESH, NOW))
                .isEqualTo(Step.TRANSITION);
    }

    @Test
    void pagerDutyDedupKeysStayWithinItsLimitAndStable() {
        String longKey = "driftwatch/" + "m".repeat(300) + "/dataset_drift";

        String shortened = PagerDutySink.dedupKey(longKey);

        assertThat(shortened).hasSize(PagerDutySink.MAX_DEDUP_KEY).isEqualTo(PagerDutySink.dedupKey(longKey))
                .isNotEqualTo(PagerDutySink.dedupKey(longKey + "x"));
        assertThat(PagerDutySink.dedupKey("driftwatch/loans/dataset_drift")).isEqualTo("driftwatch/loans/dataset_drift");
    }

    private static Alert alert(Alert.Status status, LocalDate runDate) {
        return new Alert(Problem.DATASET_DRIFT, Alert.monitorKey("loans", Problem.DATASET_DRIFT), status, AlertSeverity.WARNING,
                "loans", "credit-risk", Map.of(), "summary", null, Map.of(), runDate);
    }

    private static State state(Alert.Status status, LocalDate runDate, DeliveryStatus delivery, Instant claimedUntil) {
        return new State("driftwatch/loans/dataset_drift", "pagerduty", status, runDate, NOW.minusSeconds(86_400), delivery,
                1, claimedUntil, 3, NOW.minusSeconds(86_400));
    }
}
