package io.driftwatch.window;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.driftwatch.DriftwatchApplication;
import io.driftwatch.config.Monitor;
import io.driftwatch.demo.SyntheticDriftGenerator;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.source.WindowProfile;

/**
 * One database of the bucket tests: the {@code weekly} monitor (a P7D window over daily buckets) of the
 * {@code buckettest} profile, its January baseline and one day of rows per date, written by the synthetic generator
 * (income drifts from {@link #SHIFT_FROM} on, so decisions change along the dates).
 */
final class BucketNights implements AutoCloseable {

    static final String TABLE = "bucket_features";
    static final int BASELINE_ROWS = 3_000;
    static final int ROWS_PER_DAY = 400;
    /** The profile slices of the bucket tests' monitors (their partition-threads): each day is stored in this many pieces. */
    static final int SLICES = 2;
    static final LocalDate SHIFT_FROM = LocalDate.of(2026, 3, 18);

    final ConfigurableApplicationContext context;
    final JdbcTemplate jdbc;
    private final SyntheticDriftGenerator generator;

    BucketNights(String url, Class<?>... extra) {
        this("buckettest", url, extra);
    }

    BucketNights(String profile, String url, Class<?>... extra) {
        this(profile, url, List.of(), extra);
    }

    /** @param args further command-line arguments, e.g. {@code --driftwatch.allowed-lateness=P1D} */
    BucketNights(String profile, String url, List<String> args, Class<?>... extra) {
        List<Object> sources = new ArrayList<>(List.of(DriftwatchApplication.class));
        sources.addAll(List.of(extra));
        List<String> all = new ArrayList<>(List.of("--spring.datasource.url=" + url, "--driftwatch.launch.enabled=false",
                // FaultInjection's drift methods replace the standard ones
                "--spring.main.allow-bean-definition-overriding=" + (extra.length > 0)));
        all.addAll(args);
        context = new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).profiles(profile)
                .run(all.toArray(String[]::new));
        jdbc = context.getBean(JdbcTemplate.class);
        generator = new SyntheticDriftGenerator(jdbc);
        generator.createTable(TABLE);
        jdbc.execute("ALTER TABLE " + TABLE + " ADD COLUMN IF NOT EXISTS updated_at BIGINT DEFAULT 0 NOT NULL");
        generator.insert(TABLE, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"),
                BASELINE_ROWS, Set.of(), 1);
    }

    static String h2(String name) {
        return "jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    }

    SyntheticDriftGenerator generator() {
        return generator;
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The rows of {@code day} (the day itself, [00:00, 24:00) UTC). */
    void day(LocalDate day) {
        day(day, ROWS_PER_DAY, day.toEpochDay());
    }

    void day(LocalDate day, int rows, long seed) {
        generator.insert(TABLE, day.atStartOfDay(ZoneOffset.UTC).toInstant(),
                day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), rows,
                day.isBefore(SHIFT_FROM) ? Set.of() : Set.of("income"), seed);
    }

    /** Rows with timestamps inside {@code day} that arrive after it was profiled. */
    void lateRows(LocalDate day, int rows) {
        generator.insert(TABLE, day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(3_600),
                day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(7_200), rows, Set.of("age"), 99);
    }

    /** Every day from {@code first} to {@code last}, both included. */
    void days(LocalDate first, LocalDate last) {
        first.datesUntil(last.plusDays(1)).forEach(this::day);
    }

    long rowsIn(Instant from, Instant to) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE + " WHERE scored_at >= ? AND scored_at < ?", Long.class,
                from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
    }

    Map<String, Object> run(LocalDate runDate) {
        return jdbc.queryForMap("SELECT * FROM drift_run WHERE monitor = 'weekly' AND run_date = ?", runDate);
    }

    /** What a night writes for users, without ids, clocks and execution ids: drift_run, drift_report, retraining_task. */
    Map<String, Object> written() {
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("drift_run", jdbc.queryForList("""
                SELECT monitor, model, run_date, window_start, window_end, baseline_table, baseline_start, baseline_end,
                       status, baseline_rows, current_rows, features_evaluated, features_drifted, drift_share,
                       dataset_drift, performance_status, accuracy, latency_seconds, retraining_decision,
                       retraining_reason, CAST(snapshot AS VARCHAR(100000)) AS snapshot, failure_message, baseline_fingerprint
                FROM drift_run ORDER BY monitor, run_date"""));
        rows.put("drift_report", jdbc.queryForList("""
                SELECT monitor, run_date, feature, feature_type, method, convention, status, score, threshold_kind,
                       threshold, warn_threshold, p_value, p_value_adjusted, drifted, severity, selected_because,
                       baseline_count, current_count, baseline_missing, current_missing, baseline_mean, current_mean,
                       baseline_std, current_std, CAST(details AS VARCHAR(100000)) AS details, explanation
                FROM drift_report ORDER BY monitor, run_date, feature, method"""));
        rows.put("retraining_task", jdbc.queryForList("""
                SELECT model, monitor, run_date, reason, CAST(evidence AS VARCHAR(100000)) AS evidence, priority, status,
                       dedupe_key, attempts, max_attempts
                FROM retraining_task ORDER BY monitor, run_date"""));
        return rows;
    }

    @Override
    public void close() {
        context.close();
    }

    /**
     * The current window {@code [start, end)} of {@code monitor} built as a night builds it, slice by slice in one
     * transaction each: the slices' profiles merged, their counts summed.
     */
    WindowProfiler.CurrentSlice window(Monitor monitor, Instant start, Instant end) {
        TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        WindowProfiler profiler = context.getBean(WindowProfiler.class);
        Map<String, FeatureProfile> merged = new LinkedHashMap<>();
        long rows = 0;
        long scanned = 0;
        int reused = 0;
        int profiled = 0;
        int settled = 0;
        for (int slice = 0; slice < SLICES; slice++) {
            int s = slice;
            WindowProfiler.CurrentSlice part = tx.execute(status -> profiler.current(monitor, start, end, s, SLICES, false));
            rows += part.profile().rowsRead();
            scanned += part.rowsScanned();
            reused += part.bucketsReused();
            profiled += part.bucketsProfiled();
            settled += part.bucketsSettled();
            part.profile().features().forEach((f, p) -> merged.merge(f, p, JdbcWindowProfileDao::merge));
        }
        return new WindowProfiler.CurrentSlice(new WindowProfile(rows, merged), scanned, reused, profiled, settled);
    }
}
