package io.driftwatch.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.DriftwatchApplication;
import io.driftwatch.ExitCodes;
import io.driftwatch.demo.DemoData;
import io.driftwatch.demo.DemoReference;
import io.driftwatch.profile.NumericProfile;
import io.driftwatch.window.JdbcWindowProfileDao;
import io.driftwatch.window.JdbcWindowProfileDao.Side;
import io.driftwatch.cli.DriftCommand;
import io.driftwatch.cli.Outcome;

/** The meters of two demo nights, read from the Prometheus registry as a scrape or a push would carry them. */
class RunMetricsTest {

    private static final List<String> FEATURES = List.of("income", "age", "credit_score", "debt_ratio", "region", "channel");
    private static final String DATABASE =
            "--spring.datasource.url=jdbc:h2:mem:run-metrics;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";

    /** The next night in the same process: demo data for the date, the job, and the end of the command. */
    private static String nextNight(ConfigurableApplicationContext context, LocalDate runDate) {
        DemoData.load(context.getBean(JdbcTemplate.class), runDate, ZoneOffset.UTC);
        assertThat(context.getBean(DriftCommand.class).launch(runDate).exitCode()).isEqualTo(ExitCodes.COMPLETED);
        context.publishEvent(new RunEvents.ProcessFinished("driftJob", ExitCodes.COMPLETED));
        return context.getBean(PrometheusMeterRegistry.class).scrape();
    }

    private static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertThat(m.find()).as("series %s in%n%s", series, scrape).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void aNightsDriftRowsQueueAndOutcomeAreMetersAndASecondNightCountsTheSkippedTask() {
        ConfigurableApplicationContext context = SpringApplication.run(DriftwatchApplication.class, DATABASE,
                "runDate=2026-05-01");
        String first = context.getBean(PrometheusMeterRegistry.class).scrape();

        // The default selection (the demo lists no methods): one effects row per feature, as the reference judges it.
        for (String feature : FEATURES) {
            String tags = "{feature=\"" + feature + "\",method=\"effects\",monitor=\"loans-demo\"}";
            assertThat(value(first, "driftwatch_drift_drifted" + tags)).as(feature).isEqualTo(DemoReference.drifted(feature) ? 1.0 : 0.0);
            DemoReference.assertEffectsScore(feature, value(first, "driftwatch_drift_score" + tags), 0);
        }
        assertThat(FEATURES.stream().filter(DemoReference::drifted)).containsExactlyInAnyOrderElementsOf(DemoData.SHIFTED);
        assertThat(first).doesNotContain("method=\"psi\"");
        // income is judged on sketch-mode profiles: the reference's interval holds for rank errors up to its epsilon.
        long runId = context.getBean(JdbcTemplate.class).queryForObject(
                "SELECT id FROM drift_run WHERE monitor = 'loans-demo' AND run_date = DATE '2026-05-01'", Long.class);
        for (Side side : Side.values()) {
            NumericProfile income = (NumericProfile) context.getBean(JdbcWindowProfileDao.class)
                    .find(runId, side, "income").orElseThrow();
            assertThat(income.isExact()).as("income %s profile", side).isFalse();
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
        try {
            String second = nextNight(context, LocalDate.parse("2026-05-02"));
            assertThat(value(second, "driftwatch_retraining_tasks_skipped_total{model=\"credit-risk-demo\",monitor=\"loans-demo\","
                    + "reason=\"open_task\"}")).isEqualTo(1.0);
            assertThat(value(second, "driftwatch_retraining_tasks_enqueued_total{model=\"credit-risk-demo\",monitor=\"loans-demo\"}"))
                    .isEqualTo(1.0);
            assertThat(value(second, "driftwatch_queue_tasks{status=\"pending\"}")).isEqualTo(1.0);
            assertThat(value(second, "driftwatch_runs_total{job=\"driftJob\",outcome=\"completed\"}")).isEqualTo(2.0);
        } finally {
            SpringApplication.exit(context);
        }
    }
}
