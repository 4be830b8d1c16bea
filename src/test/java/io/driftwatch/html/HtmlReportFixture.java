package io.driftwatch.html;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

import io.driftwatch.ExitCodes;
import io.driftwatch.canary.CanaryRequest;
import io.driftwatch.canary.PredictionLogs;
import io.driftwatch.cli.CanaryCommand;
import io.driftwatch.cli.DriftCommand;
import io.driftwatch.report.JdbcDriftReportDao;
import io.driftwatch.support.LoanNights;
import io.driftwatch.window.JdbcWindowProfileDao;

/**
 * Three nights of the job tests' monitor, run once per database by driftJob with the report directory set: a quiet
 * night, a night where income and region drift (a task is enqueued), and a night where income still drifts; then a
 * canary of model {@value #CANARY_MODEL} whose candidate answers about 150 ms slower (judged ROLLBACK), from
 * prediction logs.
 */
@SpringBootTest
@ActiveProfiles("jobtest")
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:htmltest;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
abstract class HtmlReportFixture {

    static final LocalDate QUIET = LocalDate.of(2026, 3, 10);
    static final LocalDate DRIFT = LocalDate.of(2026, 3, 11);
    static final LocalDate STILL = LocalDate.of(2026, 3, 12);
    static final int ROWS = 5_000;
    static final Path REPORT_DIR = tempDir();
    static final String CANARY_MODEL = "ranker";
    static final Instant CANARY_END = Instant.parse("2026-03-12T11:00:00Z");
    static final CanaryRequest CANARY = new CanaryRequest(CANARY_MODEL, "v1", "v2", CanaryRequest.Mode.CANARY,
            CanaryRequest.Input.LOGS, CANARY_END.minus(Duration.ofHours(1)), CANARY_END);

    @Autowired DriftCommand drift;
    @Autowired JdbcTemplate jdbc;
    @Autowired JsonMapper json;
    @Autowired JdbcDriftReportDao reports;
    @Autowired JdbcWindowProfileDao profiles;
    @Autowired HtmlReports htmlReports;
    @Autowired JdbcReportReader reader;
    @Autowired CanaryCommand canary;

    @DynamicPropertySource
    static void reportDir(DynamicPropertyRegistry registry) {
        registry.add("driftwatch.report.dir", REPORT_DIR::toString);
    }

    @BeforeEach
    void threeNights() {
        if (!jdbc.queryForList("SELECT id FROM drift_run WHERE run_date = ?", Long.class, STILL).isEmpty()) {
            return;
        }
        LoanNights nights = new LoanNights(jdbc, ROWS, 1);
        night(nights, QUIET, Set.of(), 1);
        night(nights, DRIFT, Set.of("income", "region"), 2);
        night(nights, STILL, Set.of("income"), 3);
        PredictionLogs.insert(jdbc, CANARY_MODEL, "v1", CANARY.from(), CANARY.to(), 500, 0.20, 0.05, 0.83, 1);
        PredictionLogs.insert(jdbc, CANARY_MODEL, "v2", CANARY.from(), CANARY.to(), 500, 0.35, 0.05, 0.83, 2);
        if (canary.judge(CANARY).exitCode() != ExitCodes.ROLLBACK) {
            throw new IllegalStateException("canaryJob did not judge the slower candidate ROLLBACK");
        }
    }

    /** The id of the canary's verdict. */
    long canaryVerdictId() {
        return jdbc.queryForObject("SELECT id FROM canary_verdict WHERE model = ?", Long.class, CANARY_MODEL);
    }

    /** A version's logged latencies of the canary's window, straight from prediction_log. */
    double[] loggedLatencies(String version) {
        return jdbc.queryForList("SELECT latency_seconds FROM prediction_log WHERE model = ? AND model_version = ?"
                        + " AND logged_at >= ? AND logged_at < ?", Double.class, CANARY_MODEL, version,
                CANARY.from().atOffset(ZoneOffset.UTC), CANARY.to().atOffset(ZoneOffset.UTC))
                .stream().mapToDouble(Double::doubleValue).toArray();
    }

    private void night(LoanNights nights, LocalDate date, Set<String> shifted, long seed) {
        nights.window(date, shifted, seed);
        nights.performance("credit-risk", date, 0.91, 0.2);
        if (drift.launch(date).exitCode() != ExitCodes.COMPLETED) {
            throw new IllegalStateException("driftJob did not complete " + date);
        }
    }

    RunPages runPages() {
        return new RunPages(reader, reports, profiles, json, ZoneOffset.UTC, 14, Clock.systemUTC());
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("driftwatch-html-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
