package io.driftwatch.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.DriftwatchApplication;
import io.driftwatch.ExitCodes;
import io.driftwatch.canary.CanaryRequest;
import io.driftwatch.canary.PredictionLogs;
import io.driftwatch.cli.CanaryCommand;
import io.driftwatch.cli.DriftCommand;
import io.driftwatch.demo.DemoData;
import io.driftwatch.profile.NumericProfile;
import io.driftwatch.window.JdbcWindowProfileDao;
import io.driftwatch.window.JdbcWindowProfileDao.Side;

/**
 * One process, run once per test JVM, that the metric tests read: the demo night of 2026-05-01 as the command line
 * runs it, then in the same process the next night (its retraining skipped: the first night's task is still open) and
 * a canary judged ROLLBACK. The Prometheus registry is scraped after each step, so each test reads the step it is
 * about; the process has exited before any test reads it.
 */
final class DemoNightsInProcess {

    static final LocalDate FIRST = LocalDate.parse("2026-05-01");
    static final LocalDate SECOND = LocalDate.parse("2026-05-02");

    /** The income profile of one window as the first night stored it. */
    record StoredProfile(boolean exact, double rankErrorBound) {
    }

    private static DemoNightsInProcess nights;

    /** The scrape after the first night, as the process that ran it has it when the command ends. */
    final String firstNight;
    /** The first night's income profiles, by window. */
    final Map<Side, StoredProfile> firstNightIncome;
    final ExitCodes secondNightExit;
    /** The scrape after the second night has run and its command has ended (ProcessFinished). */
    final String secondNight;
    final ExitCodes canaryExit;
    /** The scrape after the canary verdict too. */
    final String afterCanary;

    private DemoNightsInProcess(String firstNight, Map<Side, StoredProfile> firstNightIncome, ExitCodes secondNightExit,
                                String secondNight, ExitCodes canaryExit, String afterCanary) {
        this.firstNight = firstNight;
        this.firstNightIncome = Map.copyOf(firstNightIncome);
        this.secondNightExit = secondNightExit;
        this.secondNight = secondNight;
        this.canaryExit = canaryExit;
        this.afterCanary = afterCanary;
    }

    /** The nights, run on first use. */
    static synchronized DemoNightsInProcess get() {
        if (nights == null) {
            nights = run();
        }
        return nights;
    }

    private static DemoNightsInProcess run() {
        ConfigurableApplicationContext context = SpringApplication.run(DriftwatchApplication.class,
                "--spring.datasource.url=jdbc:h2:mem:demo-nights;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                "runDate=" + FIRST);
        try {
            PrometheusMeterRegistry registry = context.getBean(PrometheusMeterRegistry.class);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            String first = registry.scrape();
            long runId = jdbc.queryForObject(
                    "SELECT id FROM drift_run WHERE monitor = 'loans-demo' AND run_date = DATE '2026-05-01'", Long.class);
            Map<Side, StoredProfile> income = new EnumMap<>(Side.class);
            for (Side side : Side.values()) {
                NumericProfile profile = (NumericProfile) context.getBean(JdbcWindowProfileDao.class)
                        .find(runId, side, "income").orElseThrow();
                income.put(side, new StoredProfile(profile.isExact(), profile.rankErrorBound()));
            }

            DemoData.load(jdbc, SECOND, ZoneOffset.UTC);
            ExitCodes secondExit = context.getBean(DriftCommand.class).launch(SECOND).exitCode();
            context.publishEvent(new RunEvents.ProcessFinished("driftJob", secondExit));
            String second = registry.scrape();

            Instant start = Instant.parse("2026-05-01T10:00:00Z");
            Instant end = start.plus(Duration.ofHours(1));
            PredictionLogs.insert(jdbc, "ranker", "v1", start, end, 500, 0.20, 0.05, 0.83, 1);
            PredictionLogs.insert(jdbc, "ranker", "v2", start, end, 500, 0.35, 0.05, 0.83, 2);
            ExitCodes canaryExit = context.getBean(CanaryCommand.class).judge(new CanaryRequest("ranker", "v1", "v2",
                    CanaryRequest.Mode.CANARY, CanaryRequest.Input.LOGS, start, end)).exitCode();
            return new DemoNightsInProcess(first, income, secondExit, second, canaryExit, registry.scrape());
        } finally {
            SpringApplication.exit(context);
        }
    }
}
