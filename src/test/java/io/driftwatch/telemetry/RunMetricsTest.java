package io.driftwatch.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.driftwatch.ExitCodes;
import io.driftwatch.demo.DemoData;
import io.driftwatch.demo.DemoReference;
import io.driftwatch.window.JdbcWindowProfileDao.Side;

/** The meters of two demo nights, read from the Prometheus registry as a scrape or a push would carry them. */
class RunMetricsTest {

    private static final List<String> FEATURES = List.of("income", "age", "credit_score", "debt_ratio", "region", "channel");

    private static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertThat(m.find()).as("series %s in%n%s", series, scrape).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void aNightsDriftRowsQueueAndOutcomeAreMetersAndASecondNightCountsTheSkippedTask() {
        DemoNightsInProcess nights = DemoNightsInProcess.get();
        String first = nights.firstNight;

        // The default selection (the demo lists no methods): one effects row per feature, as the reference judges it.
        for (String feature : FEATURES) {
            String tags = "{feature=\"" + feature + "\",method=\"effects\",monitor=\"loans-demo\"}";
            assertThat(value(first, "driftwatch_drift_drifted" + tags)).as(feature).isEqualTo(DemoReference.drifted(feature) ? 1.0 : 0.0);
            DemoReference.assertEffectsScore(feature, value(first, "driftwatch_drift_score" + tags), 0);
        }
        assertThat(FEATURES.stream().filter(DemoReference::drifted)).containsExactlyInAnyOrderElementsOf(DemoData.SHIFTED);
        assertThat(first).doesNotContain("method=\"psi\"");
        // income is judged on sketch-mode profiles: the reference's interval holds for rank errors up to its epsilon.
        for (Side side : Side.values()) {
            DemoNightsInProcess.StoredProfile income = nights.firstNightIncome.get(side);
            assertThat(income.exact()).as("income %s profile", side).isFalse();
            assertThat(income.rankErrorBound()).as("income %s rank error", side).isLessThanOrEqualTo(DemoReference.epsilon());
        }
        assertThat(value(first, "driftwatch_dataset_drift_share{monitor=\"loans-demo\"}")).isCloseTo(2.0 / 6,
                org.assertj.core.data.Offset.offset(1e-12));
        assertThat(value(first, "driftwatch_dataset_drifted{monitor=\"loans-demo\"}")).isZero();
        assertThat(value(first, "driftwatch_window_rows{monitor=\"loans-demo\",window=\"baseline\"}")).isEqualTo(20_000);
        assertThat(value(first, "driftwatch_window_rows{monitor=\"loans-demo\",window=\"current\"}")).isEqualTo(20_000);
        assertThat(value(first, "driftwatch_retraining_tasks_enqueued_total{model=\"credit-risk-demo\",monitor=\"loans-demo\"}"))
                .isEqualTo(1.0);
        assertThat(value(first, "driftwatch_queue_tasks{status=\"pending\"}")).isEqualTo(1.0);
        assertThat(value(first, "driftwatch_queue_tasks{status=\"running\"}")).isZero();
        assertThat(value(first, "driftwatch_queue_oldest_waiting_seconds")).isBetween(0.0, 600.0);
        assertThat(value(first, "driftwatch_runs_total{job=\"driftJob\",outcome=\"completed\"}")).isEqualTo(1.0);
        assertThat(first).doesNotContain("driftwatch_retraining_tasks_skipped_total{");

        // Step timers: one series per step, not one per partition (monitor and feature stay out of the tags).
        List<String> stepNames = Pattern.compile("spring_batch_step_seconds_count\\{[^}]*spring_batch_step_name=\"([^\"]+)\"")
                .matcher(first).results().map(r -> r.group(1)).distinct().sorted().toList();
        assertThat(stepNames).containsExactly("decide", "drift", "featureDrift", "prepare", "profile", "profileWindow", "publish", "reap");
        assertThat(value(first, "spring_batch_step_seconds_count{error=\"none\",spring_batch_step_job_name=\"driftJob\","
                + "spring_batch_step_name=\"featureDrift\",spring_batch_step_status=\"COMPLETED\","
                + "spring_batch_step_type=\"org.springframework.batch.core.step.tasklet.TaskletStep\"}")).isEqualTo(6.0);

        // The next night drifts again while the first night's task is still open: skipped, by reason.
        assertThat(nights.secondNightExit).isEqualTo(ExitCodes.COMPLETED);
        String second = nights.secondNight;
        assertThat(value(second, "driftwatch_retraining_tasks_skipped_total{model=\"credit-risk-demo\",monitor=\"loans-demo\","
                + "reason=\"open_task\"}")).isEqualTo(1.0);
        assertThat(value(second, "driftwatch_retraining_tasks_enqueued_total{model=\"credit-risk-demo\",monitor=\"loans-demo\"}"))
                .isEqualTo(1.0);
        assertThat(value(second, "driftwatch_queue_tasks{status=\"pending\"}")).isEqualTo(1.0);
        assertThat(value(second, "driftwatch_runs_total{job=\"driftJob\",outcome=\"completed\"}")).isEqualTo(2.0);
    }
}
