package io.driftwatch.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.driftwatch.ExitCodes;
import io.driftwatch.cli.BackfillCommand;
import io.driftwatch.cli.DriftCommand;
import io.driftwatch.cli.Outcome;
import io.driftwatch.config.MonitorCatalog;
import io.driftwatch.config.Monitor;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.source.JdbcFeatureSource;
import io.driftwatch.source.JdbcSchemaInspector;
import io.driftwatch.source.WindowProfile;
import io.driftwatch.support.FaultInjection;

/**
 * Bucketed profiles and backfill on a real database: a weekly window's second night reads one day, late rows
 * re-profile their day, merged buckets are the full scan's profile, and a backfill (also one that died midway) writes
 * what the nightly runs of its dates write. One subclass per database.
 */
abstract class AbstractBucketedWindowTests {

    private static final LocalDate FIRST_NIGHT = LocalDate.of(2026, 3, 8);

    /** A fresh, empty database for one context. */
    abstract String freshDatabase(String name);

    private static Instant midnight(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * The baseline's fingerprint data and a bucket's data are the same text in every JVM zone, for a timestamp column
     * with time zone and one without (UTC wall-clock time by contract): a pod in another zone, or two pods in
     * different zones, must not see a changed baseline or bucket and profile it again.
     */
    @Test
    void theBaselineAndBucketFingerprintTextsDoNotDependOnTheJvmZone() {
        try (BucketNights db = new BucketNights(freshDatabase("zones"))) {
            db.day(LocalDate.of(2026, 3, 1));
            Monitor monitor = db.bean(MonitorCatalog.class).require("weekly");
            RangeFingerprint ranges = new RangeFingerprint(db.jdbc, db.bean(JdbcSchemaInspector.class), ZoneOffset.UTC);
            Bucket day = new Bucket(midnight(LocalDate.of(2026, 3, 1)), midnight(LocalDate.of(2026, 3, 2)));

            List<String> withZone = textsInZones(db, monitor, ranges, day);
            // the same instants as UTC wall-clock time in a column without time zone
            db.jdbc.execute("ALTER TABLE " + BucketNights.TABLE + " ADD COLUMN scored_utc TIMESTAMP");
            db.jdbc.execute("UPDATE " + BucketNights.TABLE + " SET scored_utc = CAST(scored_at AT TIME ZONE 'UTC' AS TIMESTAMP)");
            db.jdbc.execute("ALTER TABLE " + BucketNights.TABLE + " DROP COLUMN scored_at");
            db.jdbc.execute("ALTER TABLE " + BucketNights.TABLE + " RENAME COLUMN scored_utc TO scored_at");
            List<String> withoutZone = textsInZones(db, monitor, ranges, day);

            String instant = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?Z";
            assertThat(withZone).as("timestamp with time zone").containsOnly(withZone.get(0));
            assertThat(withZone.get(0)).matches("rows=" + BucketNights.BASELINE_ROWS + ";latest=" + instant
                    + " \\| rows=" + BucketNights.ROWS_PER_DAY + ";latest=" + instant);
            assertThat(withoutZone).as("timestamp without time zone").containsOnly(withZone.get(0));
        }
    }

    /** The baseline's fingerprint data and the bucket's data, computed in the JVM zones UTC, UTC-5 and UTC+5:30. */
    private static List<String> textsInZones(BucketNights db, Monitor monitor, RangeFingerprint ranges, Bucket bucket) {
        JdbcFeatureSource source = db.bean(JdbcFeatureSource.class);
        TimeZone saved = TimeZone.getDefault();
        List<String> texts = new java.util.ArrayList<>();
        try {
            for (String zone : List.of("UTC", "America/New_York", "Asia/Kolkata")) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                texts.add(BaselineFingerprint.of(monitor, source, ranges, Duration.ofDays(1), ZoneOffset.UTC).data() + " | "
                        + ranges.of(monitor, monitor.sourceTable(), null, bucket).text());
            }
        } finally {
            TimeZone.setDefault(saved);
        }
        return texts;
    }

    @Test
    void theSecondNightOfAWeeklyWindowProfilesOnlyTheNewDayAndReusesTheOtherSix() {
        try (BucketNights db = new BucketNights(freshDatabase("second"))) {
            db.days(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 8));
            DriftCommand drift = db.bean(DriftCommand.class);

            assertThat(drift.launch(FIRST_NIGHT).exitCode()).isEqualTo(ExitCodes.COMPLETED);
            assertThat(drift.launch(FIRST_NIGHT.plusDays(1)).exitCode()).isEqualTo(ExitCodes.COMPLETED);

            Map<String, Object> first = db.run(FIRST_NIGHT);
            assertThat(((Number) first.get("buckets_profiled")).intValue()).isEqualTo(7 * BucketNights.SLICES);
            assertThat(((Number) first.get("buckets_reused")).intValue()).isZero();
            assertThat(((Number) first.get("rows_scanned")).longValue()).isEqualTo(
                    db.rowsIn(midnight(LocalDate.of(2026, 3, 1)), midnight(FIRST_NIGHT)) + BucketNights.BASELINE_ROWS);
            Map<String, Object> second = db.run(FIRST_NIGHT.plusDays(1));
            // every day is stored in one piece per slice: the new day's pieces profiled, the other six days' reused
            assertThat(((Number) second.get("buckets_profiled")).intValue()).isEqualTo(BucketNights.SLICES);
            assertThat(((Number) second.get("buckets_reused")).intValue()).isEqualTo(6 * BucketNights.SLICES);
            // only the new day: the other six days come from bucket_profile, the baseline from its cache
            assertThat(((Number) second.get("rows_scanned")).longValue())
                    .isEqualTo(db.rowsIn(midnight(FIRST_NIGHT), midnight(FIRST_NIGHT.plusDays(1))))
                    .isEqualTo(BucketNights.ROWS_PER_DAY);
            assertThat(((Number) second.get("current_rows")).longValue()).isEqualTo(7L * BucketNights.ROWS_PER_DAY);
            // and the new day is read by both slices, each its half
            Instant noon = midnight(FIRST_NIGHT).plus(java.time.Duration.ofHours(12));
            assertThat(db.jdbc.queryForList("SELECT MAX(rows_scanned) FROM window_profile WHERE run_id = ? AND side ="
                    + " 'current' GROUP BY slice ORDER BY slice", Long.class, second.get("id"))).containsExactly(
                    db.rowsIn(midnight(FIRST_NIGHT), noon), db.rowsIn(noon, midnight(FIRST_NIGHT.plusDays(1))));
        }
    }

    @Test
    void lateRowsChangeTheirBucketsFingerprintAndAreProfiledNeverLeftOut() {
        try (BucketNights db = new BucketNights(freshDatabase("late"))) {
            db.days(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 8));
            DriftCommand drift = db.bean(DriftCommand.class);
            assertThat(drift.launch(FIRST_NIGHT).exitCode()).isEqualTo(ExitCodes.COMPLETED);
            LocalDate lateDay = LocalDate.of(2026, 3, 4);
            db.lateRows(lateDay, 150);

            assertThat(drift.launch(FIRST_NIGHT.plusDays(1)).exitCode()).isEqualTo(ExitCodes.COMPLETED);

            Map<String, Object> second = db.run(FIRST_NIGHT.plusDays(1));
            // the late rows fell in the first half of their day: that piece is profiled again, with the new day's
            assertThat(((Number) second.get("buckets_profiled")).intValue()).isEqualTo(BucketNights.SLICES + 1);
            assertThat(((Number) second.get("buckets_reused")).intValue()).isEqualTo(6 * BucketNights.SLICES - 1);
            assertThat(((Number) second.get("rows_scanned")).longValue()).isEqualTo(
                    db.rowsIn(midnight(lateDay), midnight(lateDay).plus(java.time.Duration.ofHours(12)))
                            + db.rowsIn(midnight(FIRST_NIGHT), midnight(FIRST_NIGHT.plusDays(1))));
            assertThat(((Number) second.get("current_rows")).longValue())
                    .isEqualTo(db.rowsIn(midnight(LocalDate.of(2026, 3, 2)), midnight(FIRST_NIGHT.plusDays(1))))
                    .isEqualTo(7L * BucketNights.ROWS_PER_DAY + 150);
            assertThat(db.jdbc.queryForList("SELECT DISTINCT current_count FROM drift_report WHERE run_date = ?"
                    + " AND feature = 'region'", Long.class, FIRST_NIGHT.plusDays(1)))
                    .containsExactly(7L * BucketNights.ROWS_PER_DAY + 150);
        }
    }

    @Test
    void rowsRewrittenInPlaceReprofileTheirBucketWhenAVersionColumnSaysSo() {
        try (BucketNights db = new BucketNights("bucketversion", freshDatabase("version"))) {
            db.days(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 8));
            DriftCommand drift = db.bean(DriftCommand.class);
            assertThat(drift.launch(FIRST_NIGHT).exitCode()).isEqualTo(ExitCodes.COMPLETED);
            LocalDate rewritten = LocalDate.of(2026, 3, 5);
            // same rows, same timestamps: only the values and the version column change
            db.jdbc.update("UPDATE " + BucketNights.TABLE + " SET income = income * 2, updated_at = 1 WHERE scored_at >= ?"
                    + " AND scored_at < ?", midnight(rewritten).atOffset(ZoneOffset.UTC),
                    midnight(rewritten.plusDays(1)).atOffset(ZoneOffset.UTC));

            assertThat(drift.launch(FIRST_NIGHT.plusDays(1)).exitCode()).isEqualTo(ExitCodes.COMPLETED);

            Map<String, Object> second = db.run(FIRST_NIGHT.plusDays(1));
            assertThat(((Number) second.get("buckets_profiled")).intValue()).isEqualTo(2 * BucketNights.SLICES);
            assertThat(((Number) second.get("rows_scanned")).longValue()).isEqualTo(2L * BucketNights.ROWS_PER_DAY);
            assertThat(db.jdbc.queryForObject("SELECT data FROM bucket_profile WHERE feature = 'income' AND bucket_start = ?",
                    String.class, midnight(rewritten).atOffset(ZoneOffset.UTC))).endsWith(";version=1");
        }
    }

    @Test
    void aVersionColumnTheTableLacksStopsTheRunBeforeAnythingIsWritten() {
        try (BucketNights db = new BucketNights("bucketversion", freshDatabase("noversion"))) {
            db.days(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 7));
            db.jdbc.execute("ALTER TABLE " + BucketNights.TABLE + " DROP COLUMN updated_at");

            io.driftwatch.cli.Outcome outcome = db.bean(DriftCommand.class).launch(FIRST_NIGHT);

            assertThat(outcome.exitCode()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
            assertThat(outcome.message()).contains("source.version-column", "has no column updated_at");
            assertThat(db.jdbc.queryForObject("SELECT COUNT(*) FROM drift_run", Long.class)).isZero();
            assertThat(db.jdbc.queryForObject("SELECT COUNT(*) FROM batch_job_instance", Long.class)).isZero();
            assertThat(db.jdbc.queryForObject("SELECT COUNT(*) FROM bucket_profile", Long.class)).isZero();
        }
    }

    @Test
    void aBackfillLeavesADateThatAnotherProcessHoldsAndWritesNothingForIt() throws Exception {
        try (BucketNights db = new BucketNights(freshDatabase("heldbackfill"))) {
            db.days(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 7));
            // another process (on H2: another start in this JVM) runs the night of the date
            try (io.driftwatch.job.RunDateLock other = io.driftwatch.job.RunDateLock.take(
                    db.bean(javax.sql.DataSource.class), db.bean(io.driftwatch.db.Dialect.class), "driftJob",
                    io.driftwatch.job.DriftJobConfiguration.parameters(FIRST_NIGHT))) {
                assertThat(other.held()).isTrue();

                Outcome held = db.bean(BackfillCommand.class).run(List.of("monitor=weekly", "from=" + FIRST_NIGHT,
                        "to=" + FIRST_NIGHT));

                assertThat(held.exitCode()).as(held.message()).isEqualTo(ExitCodes.ALREADY_RUNNING);
                assertThat(db.jdbc.queryForObject("SELECT COUNT(*) FROM drift_run", Long.class)).isZero();
                assertThat(db.jdbc.queryForObject("SELECT COUNT(*) FROM batch_job_execution", Long.class)).isZero();
            }
        }
    }

    @Test
    void aWindowMergedFromStoredBucketsIsTheFullScansProfileToTheLastBit() {
        try (BucketNights db = new BucketNights(freshDatabase("merge"))) {
            db.days(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 9));
            DriftCommand drift = db.bean(DriftCommand.class);
            assertThat(drift.launch(FIRST_NIGHT).exitCode()).isEqualTo(ExitCodes.COMPLETED);
            Monitor monitor = db.bean(MonitorCatalog.class).require("weekly");
            WindowProfiler profiler = db.bean(WindowProfiler.class);
            JdbcFeatureSource source = db.bean(JdbcFeatureSource.class);
            Instant start = midnight(LocalDate.of(2026, 3, 2));
            Instant end = midnight(LocalDate.of(2026, 3, 9));
            TransactionTemplate tx = new TransactionTemplate(db.bean(PlatformTransactionManager.class));

            // six days from storage, one profiled now, slice by slice; and the same window in one scan
            WindowProfiler.CurrentSlice merged = db.window(monitor, start, end);
            WindowProfile full = tx.execute(s -> source.profile(monitor, monitor.sourceTable(), start, end, ZoneOffset.UTC,
                    null));

            assertThat(merged.bucketsReused()).isEqualTo(6 * BucketNights.SLICES);
            assertThat(merged.profile().rowsRead()).isEqualTo(full.rowsRead()).isEqualTo(7L * BucketNights.ROWS_PER_DAY);
            for (String feature : full.features().keySet()) {
                FeatureProfile expected = full.features().get(feature);
                FeatureProfile actual = merged.profile().features().get(feature);
                assertThat(expected instanceof io.driftwatch.profile.NumericProfile n ? n.isExact()
                        : ((io.driftwatch.profile.CategoricalProfile) expected).isExact()).as(feature).isTrue();
                assertThat(actual.toBytes()).as(feature).isEqualTo(expected.toBytes());
            }
        }
    }

    @Test
    void aMonitorOfManyFeaturesLooksItsBucketsUpAFewAtATimeAndStillReusesEveryOne() {
        try (BucketNights db = new BucketNights(freshDatabase("wide"))) {
            db.days(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 7));
            Monitor weekly = db.bean(MonitorCatalog.class).require("weekly");
            Monitor.Feature income = weekly.feature("income");
            // 110 features (the income column under 110 names): 512 stored profiles at once is 4 buckets a group
            List<Monitor.Feature> features = java.util.stream.IntStream.range(0, 110).mapToObj(i -> new Monitor.Feature(
                    "income_" + i, income.type(), income.column(), income.methods(), income.edges())).toList();
            Monitor wide = new Monitor(weekly.name(), weekly.model(), weekly.source(), weekly.timestampColumn(),
                    weekly.baseline(), weekly.window(), features, weekly.retraining(), weekly.performanceTable(),
                    weekly.methods(), weekly.segments());
            Instant start = midnight(LocalDate.of(2026, 3, 1));
            Instant end = midnight(FIRST_NIGHT);
            assertThat(BucketStore.lookupGroup(wide)).isEqualTo(4).isLessThan(7);

            WindowProfiler.CurrentSlice first = db.window(wide, start, end);
            WindowProfiler.CurrentSlice second = db.window(wide, start, end);

            assertThat(first.bucketsProfiled()).isEqualTo(7 * BucketNights.SLICES);
            assertThat(second.bucketsReused()).isEqualTo(7 * BucketNights.SLICES);
            assertThat(second.bucketsProfiled()).isZero();
            TransactionTemplate tx = new TransactionTemplate(db.bean(PlatformTransactionManager.class));
            WindowProfile full = tx.execute(s -> db.bean(JdbcFeatureSource.class).profile(wide, wide.sourceTable(), start,
                    end, ZoneOffset.UTC, null));
            assertThat(second.profile().rowsRead()).isEqualTo(full.rowsRead()).isEqualTo(7L * BucketNights.ROWS_PER_DAY);
            for (String feature : List.of("income_0", "income_57", "income_109")) {
                assertThat(second.profile().features().get(feature).toBytes()).as(feature)
                        .isEqualTo(full.features().get(feature).toBytes());
            }
        }
    }

    @Test
    void aBackfillWritesRowForRowWhatTheNightlyRunsOfItsDatesWriteAndReadsEachRowOnce() {
        LocalDate from = FIRST_NIGHT;
        LocalDate to = FIRST_NIGHT.plusDays(29);
        Map<String, Object> nightly;
        try (BucketNights db = new BucketNights(freshDatabase("nightly"))) {
            db.days(LocalDate.of(2026, 3, 1), to.minusDays(1));
            DriftCommand drift = db.bean(DriftCommand.class);
            from.datesUntil(to.plusDays(1)).forEach(d -> assertThat(drift.launch(d).exitCode()).isEqualTo(ExitCodes.COMPLETED));
            nightly = db.written();
        }
        try (BucketNights db = new BucketNights(freshDatabase("backfill"))) {
            db.days(LocalDate.of(2026, 3, 1), to.minusDays(1));

            Outcome outcome = db.bean(BackfillCommand.class).run(List.of("monitor=weekly", "from=" + from, "to=" + to));

            assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCodes.COMPLETED);
            assertThat(db.written()).isEqualTo(nightly);
            // every date found its whole window stored: the only rows read after the pass are the baseline's, once
            assertThat(db.jdbc.queryForObject("SELECT SUM(rows_scanned) FROM drift_run", Long.class))
                    .isEqualTo(BucketNights.BASELINE_ROWS);
            assertThat(db.jdbc.queryForObject("SELECT SUM(buckets_profiled) FROM drift_run", Long.class)).isZero();
            assertThat(db.jdbc.queryForObject("SELECT COUNT(DISTINCT bucket_start) FROM bucket_profile", Long.class))
                    .isEqualTo(36 * BucketNights.SLICES);
            assertThat(db.bean(BackfillCommand.class).run(List.of("monitor=weekly", "from=" + from, "to=" + to)).exitCode())
                    .isEqualTo(ExitCodes.COMPLETED);
            assertThat(db.written()).isEqualTo(nightly);
        }
    }

    @Test
    void aBackfillThatFailedMidwayResumesWithTheSameCommandWithoutDuplicates() {
        LocalDate from = FIRST_NIGHT;
        LocalDate to = FIRST_NIGHT.plusDays(9);
        Map<String, Object> nightly;
        try (BucketNights db = new BucketNights(freshDatabase("nightly10"))) {
            db.days(LocalDate.of(2026, 3, 1), to.minusDays(1));
            DriftCommand drift = db.bean(DriftCommand.class);
            from.datesUntil(to.plusDays(1)).forEach(d -> assertThat(drift.launch(d).exitCode()).isEqualTo(ExitCodes.COMPLETED));
            nightly = db.written();
        }
        try (BucketNights db = new BucketNights(freshDatabase("resume"), FaultInjection.class)) {
            db.days(LocalDate.of(2026, 3, 1), to.minusDays(1));
            BackfillCommand backfill = db.bean(BackfillCommand.class);
            List<String> args = List.of("monitor=weekly", "from=" + from, "to=" + to);
            assertThat(backfill.run(List.of("monitor=weekly", "from=" + from, "to=" + from.plusDays(3))).exitCode())
                    .isEqualTo(ExitCodes.COMPLETED);
            db.bean(FaultInjection.class).failNextComputation();

            Outcome failed = backfill.run(args);

            assertThat(failed.exitCode()).as(failed.message()).isEqualTo(ExitCodes.FAILED);
            assertThat(failed.message()).contains("0 of 6 date(s) completed").contains("resume from " + from.plusDays(4));
            assertThat(db.run(from.plusDays(4)).get("status")).isEqualTo("FAILED");

            Outcome resumed = backfill.run(args);

            assertThat(resumed.exitCode()).as(resumed.message()).isEqualTo(ExitCodes.COMPLETED);
            assertThat(resumed.message()).contains("6 date(s) completed");
            assertThat(db.written()).isEqualTo(nightly);
        }
    }
}
