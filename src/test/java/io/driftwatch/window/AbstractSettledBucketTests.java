package io.driftwatch.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.driftwatch.ExitCodes;
import io.driftwatch.cli.DriftCommand;
import io.driftwatch.config.Monitor;
import io.driftwatch.config.MonitorCatalog;
import io.driftwatch.db.SqlIdentifier;

/**
 * Settled buckets ({@code driftwatch.allowed-lateness}) on a real database: a stored bucket (or cached baseline) that
 * had ended the allowed lateness before its fingerprint was last taken or confirmed is trusted without counting it.
 * The feature table has no index on its timestamp column here, so every count reads the bucket's rows and shows in
 * {@code drift_run.rows_scanned}: a bucket trusted without counting reads nothing. The job's clock is set to 01:00 of
 * each night. One subclass per database.
 */
abstract class AbstractSettledBucketTests {

    private static final LocalDate FIRST_NIGHT = LocalDate.of(2026, 3, 8);
    private static final long DAY = BucketNights.ROWS_PER_DAY;

    /** A fresh, empty database for one context. */
    abstract String freshDatabase(String name);

    /** The job's clock, set by the test. */
    static final class SettableClock extends Clock {
        private volatile Instant now = Instant.EPOCH;

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        @Primary
        SettableClock settableClock() {
            return new SettableClock();
        }
    }

    private BucketNights nights(String name, String lateness) {
        BucketNights db = new BucketNights("buckettest", freshDatabase(name), lateness == null ? List.of()
                : List.of("--driftwatch.allowed-lateness=" + lateness), TestClock.class);
        db.jdbc.execute("DROP INDEX " + BucketNights.TABLE + "_scored_at_ix");
        return db;
    }

    private static Instant midnight(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The night of {@code date}, its job's clock at 01:00 of that day. */
    private static void night(BucketNights db, LocalDate date) {
        db.bean(SettableClock.class).set(midnight(date).plusSeconds(3_600));
        assertThat(db.bean(DriftCommand.class).launch(date).exitCode()).isEqualTo(ExitCodes.COMPLETED);
    }

    private static long number(Map<String, Object> run, String column) {
        return ((Number) run.get(column)).longValue();
    }

    @Test
    void aSecondNightCountsOnlyTheBucketsNotYetSettledAndAYoungBucketSettlesAfterOneConfirmingNight() {
        Map<String, Object> counted;
        try (BucketNights db = nights("everynight", null)) {
            db.days(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 9));
            night(db, FIRST_NIGHT);
            night(db, FIRST_NIGHT.plusDays(1));
            night(db, FIRST_NIGHT.plusDays(2));

            // without the setting every stored bucket is counted, reading its rows: six counted, one counted and read
            for (LocalDate date : List.of(FIRST_NIGHT.plusDays(1), FIRST_NIGHT.plusDays(2))) {
                Map<String, Object> run = db.run(date);
                assertThat(number(run, "buckets_settled")).as(date.toString()).isZero();
                assertThat(number(run, "buckets_reused")).isEqualTo(6 * BucketNights.SLICES);
                assertThat(number(run, "rows_scanned")).isEqualTo(6 * DAY + 2 * DAY);
            }
            counted = db.written();
        }
        try (BucketNights db = nights("settled", "P1D")) {
            db.days(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 9));
            night(db, FIRST_NIGHT);
            night(db, FIRST_NIGHT.plusDays(1));

            // 1-5 March ended a day before the first night's counts: trusted. 7 March ended at the first night and is
            // counted once more (its rows read); the new day is counted and profiled.
            Map<String, Object> second = db.run(FIRST_NIGHT.plusDays(1));
            assertThat(number(second, "buckets_settled")).isEqualTo(5 * BucketNights.SLICES);
            assertThat(number(second, "buckets_reused")).isEqualTo(6 * BucketNights.SLICES);
            assertThat(number(second, "buckets_profiled")).isEqualTo(BucketNights.SLICES);
            assertThat(number(second, "rows_scanned")).isEqualTo(DAY + 2 * DAY);
            assertThat(number(second, "current_rows")).isEqualTo(7 * DAY);

            night(db, FIRST_NIGHT.plusDays(2));

            // 7 March was young when stored; the second night's count confirmed it after it had settled, so the third
            // night trusts it. 8 March (stored by the second night, young then) is counted.
            Map<String, Object> third = db.run(FIRST_NIGHT.plusDays(2));
            assertThat(number(third, "buckets_settled")).isEqualTo(5 * BucketNights.SLICES);
            assertThat(number(third, "buckets_profiled")).isEqualTo(BucketNights.SLICES);
            assertThat(number(third, "rows_scanned")).isEqualTo(DAY + 2 * DAY);
            assertThat(number(third, "baseline_rows")).isEqualTo(BucketNights.BASELINE_ROWS);
            // what users read is what counting every bucket gives
            assertThat(db.written()).isEqualTo(counted);
        }
    }

    @Test
    void aLateRowWithinTheLatenessIsSeenAndOneBeyondItOnlyOnceTheDateIsRerun() {
        try (BucketNights db = nights("late", "P1D")) {
            db.days(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 8));
            night(db, FIRST_NIGHT);
            LocalDate young = LocalDate.of(2026, 3, 7);
            LocalDate settled = LocalDate.of(2026, 3, 4);
            db.lateRows(young, 150);
            db.lateRows(settled, 70);
            // and in the baseline, which ended in February
            db.generator().insert(BucketNights.TABLE, Instant.parse("2026-01-10T00:00:00Z"),
                    Instant.parse("2026-01-11T00:00:00Z"), 30, java.util.Set.of(), 5);

            night(db, FIRST_NIGHT.plusDays(1));

            // 7 March had not settled when counted: its late rows change the fingerprint of its first half, which is
            // profiled again with the new day. 4 March had: its late rows are not seen (the documented contract), nor
            // are the baseline's.
            Map<String, Object> second = db.run(FIRST_NIGHT.plusDays(1));
            assertThat(number(second, "buckets_profiled")).isEqualTo(BucketNights.SLICES + 1);
            assertThat(number(second, "buckets_settled")).isEqualTo(5 * BucketNights.SLICES);
            assertThat(number(second, "current_rows")).isEqualTo(7 * DAY + 150);
            assertThat(number(second, "baseline_rows")).isEqualTo(BucketNights.BASELINE_ROWS);
            assertThat(second.get("baseline_source")).isEqualTo("cache");

            // runs rerun counts and profiles the date's buckets and counts the baseline again
            assertThat(db.bean(DriftCommand.class).rerun("weekly", FIRST_NIGHT.plusDays(1)).exitCode())
                    .isEqualTo(ExitCodes.COMPLETED);

            Map<String, Object> rerun = db.run(FIRST_NIGHT.plusDays(1));
            assertThat(number(rerun, "buckets_settled")).isZero();
            assertThat(number(rerun, "buckets_profiled")).isEqualTo(7 * BucketNights.SLICES);
            assertThat(number(rerun, "current_rows")).isEqualTo(7 * DAY + 150 + 70)
                    .isEqualTo(db.rowsIn(midnight(LocalDate.of(2026, 3, 2)), midnight(FIRST_NIGHT.plusDays(1))));
            assertThat(number(rerun, "baseline_rows")).isEqualTo(BucketNights.BASELINE_ROWS + 30);
            assertThat(rerun.get("baseline_source")).isEqualTo("scan");
        }
    }

    @Test
    void aChangedFeatureDefinitionStillForcesAReprofileOfSettledBuckets() {
        try (BucketNights db = nights("definition", "P1D")) {
            db.days(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 8));
            night(db, FIRST_NIGHT);
            Monitor monitor = db.bean(MonitorCatalog.class).require("weekly");
            WindowProfiler profiler = db.bean(WindowProfiler.class);
            TransactionTemplate tx = new TransactionTemplate(db.bean(PlatformTransactionManager.class));
            db.bean(SettableClock.class).set(midnight(FIRST_NIGHT.plusDays(30)));
            Instant start = midnight(LocalDate.of(2026, 3, 1));
            Instant end = midnight(FIRST_NIGHT);

            WindowProfiler.CurrentSlice same = db.window(monitor, start, end);
            assertThat(same.bucketsSettled()).as("every bucket settled, checked again late").isEqualTo(6 * BucketNights.SLICES);
            assertThat(same.rowsScanned()).as("the young one counted").isEqualTo(DAY);

            // income now read from another column: same data, another definition
            List<Monitor.Feature> features = monitor.features().stream().map(f -> f.name().equals("income")
                    ? new Monitor.Feature(f.name(), f.type(), SqlIdentifier.parse("debt_ratio"), f.methods(), f.edges())
                    : f).toList();
            Monitor changed = new Monitor(monitor.name(), monitor.model(), monitor.source(), monitor.timestampColumn(),
                    monitor.baseline(), monitor.window(), features, monitor.retraining(), monitor.performanceTable(),
                    monitor.methods(), monitor.segments());

            WindowProfiler.CurrentSlice redefined = db.window(changed, start, end);

            assertThat(redefined.bucketsSettled()).isZero();
            assertThat(redefined.bucketsProfiled()).isEqualTo(7 * BucketNights.SLICES);
            assertThat(redefined.profile().features().get("income").toBytes())
                    .isEqualTo(same.profile().features().get("debt_ratio").toBytes());
        }
    }
}
