package io.driftwatch.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.driftwatch.ExitCodes;
import io.driftwatch.cli.DriftCommand;
import io.driftwatch.config.Monitor;
import io.driftwatch.config.MonitorCatalog;
import io.driftwatch.source.JdbcSegmentPlanner;
import io.driftwatch.source.SegmentPlan;

import static io.driftwatch.window.SegmentNights.NIGHT_ONE;
import static io.driftwatch.window.SegmentNights.NIGHT_TWO;

/**
 * A segmented monitor's baseline cached on a real database: its second night reads only its current window (the
 * baseline's segment plan and per-segment profiles come from {@code baseline_segment_plan} and
 * {@code baseline_segment_profile}) and writes, row for row, what a night with empty caches writes; a late baseline
 * row changes the fingerprint and the baseline is read again with it. One subclass per database.
 */
abstract class AbstractSegmentedBaselineCacheTests {

    /** A fresh, empty database for one context. */
    abstract String freshDatabase(String name);

    @Test
    void theSecondNightReadsOnlyItsCurrentWindowAndWritesWhatANightWithEmptyCachesWrites() {
        try (SegmentNights db = new SegmentNights(freshDatabase("second"))) {
            DriftCommand drift = db.bean(DriftCommand.class);
            assertThat(drift.launch(NIGHT_ONE).exitCode()).isEqualTo(ExitCodes.COMPLETED);
            assertThat(drift.launch(NIGHT_TWO).exitCode()).isEqualTo(ExitCodes.COMPLETED);

            for (String monitor : SegmentNights.MONITORS) {
                Map<String, Object> first = db.run(monitor, NIGHT_ONE);
                assertThat(first.get("baseline_source")).as(monitor).isEqualTo("scan");
                assertThat(((Number) first.get("rows_scanned")).longValue()).as(monitor)
                        .isEqualTo(SegmentNights.BASELINE_ROWS + db.dayRows(NIGHT_ONE));
                Map<String, Object> second = db.run(monitor, NIGHT_TWO);
                assertThat(second.get("baseline_source")).as(monitor).isEqualTo("cache");
                // the current window alone: neither the baseline's profiles nor its segments were read again
                assertThat(((Number) second.get("rows_scanned")).longValue()).as(monitor)
                        .isEqualTo(db.dayRows(NIGHT_TWO)).isEqualTo(SegmentNights.ROWS_PER_DAY);
                assertThat(((Number) second.get("baseline_rows")).longValue()).as(monitor)
                        .isEqualTo(SegmentNights.BASELINE_ROWS);
            }
            // the planner kept every country of the baseline, and no user list (more users than it keeps)
            assertThat(db.jdbc.queryForList("SELECT monitor, known_values IS NULL AS too_many FROM baseline_segment_plan"
                    + " ORDER BY monitor")).extracting(r -> r.get("monitor") + " " + r.get("too_many"))
                    .containsExactly("bycountry false", "byuser true");
            // new values come from each night's own window: XX the first night, YY the second; BE stays pooled
            assertThat(db.segments("bycountry", NIGHT_ONE)).contains("country=XX").doesNotContain("country=YY",
                    "country=BE");
            assertThat(db.segments("bycountry", NIGHT_TWO)).contains("country=YY").doesNotContain("country=XX",
                    "country=BE");
            List<Map<String, Object>> cachedCountry = db.written("bycountry", NIGHT_TWO);
            List<Map<String, Object>> cachedUser = db.written("byuser", NIGHT_TWO);

            db.emptyCaches();
            for (String monitor : SegmentNights.MONITORS) {
                assertThat(drift.rerun(monitor, NIGHT_TWO).exitCode()).isEqualTo(ExitCodes.COMPLETED);
                Map<String, Object> rescanned = db.run(monitor, NIGHT_TWO);
                assertThat(rescanned.get("baseline_source")).as(monitor).isEqualTo("scan");
                assertThat(((Number) rescanned.get("rows_scanned")).longValue()).as(monitor)
                        .isEqualTo(SegmentNights.BASELINE_ROWS + db.dayRows(NIGHT_TWO));
            }
            assertThat(db.written("bycountry", NIGHT_TWO)).isEqualTo(cachedCountry);
            assertThat(db.written("byuser", NIGHT_TWO)).isEqualTo(cachedUser);
            assertThat(cachedCountry.stream().filter(r -> "country=LU".equals(r.get("segment")))
                    .anyMatch(r -> Boolean.TRUE.equals(r.get("drifted")))).isTrue();
        }
    }

    @Test
    void aPlanFromTheCachedBaselineEqualsThePlanOfTheStatementOverBothWindows() {
        try (SegmentNights db = new SegmentNights(freshDatabase("plan"))) {
            MonitorCatalog catalog = db.bean(MonitorCatalog.class);
            JdbcSegmentPlanner planner = db.bean(JdbcSegmentPlanner.class);
            Monitor monitor = catalog.require("bycountry");
            Monitor.Segmentation s = monitor.segments().get(0);
            JdbcSegmentPlanner.Planned first = planner.planned(monitor, s, window(NIGHT_ONE.minusDays(1)), window(NIGHT_ONE),
                    ZoneOffset.UTC);
            assertThat(first.known()).containsExactlyInAnyOrder("US", "DE", "FR", "LU", "BE", "NL");
            for (LocalDate night : List.of(NIGHT_ONE, NIGHT_TWO)) {
                SegmentPlan both = planner.planned(monitor, s, window(night.minusDays(1)), window(night), ZoneOffset.UTC)
                        .plan();
                SegmentPlan cached = planner.fromBaseline(monitor, s, first.plan().top(), first.plan().pooled(),
                        first.known(), window(night.minusDays(1)), window(night), ZoneOffset.UTC);
                assertThat(cached).as(night.toString()).isEqualTo(both);
                assertThat(cached.fresh()).as(night.toString()).hasSize(1);
            }
        }
    }

    @Test
    void rowsRewrittenInPlaceWithTheSameCountAndTimestampsAreNotReadWhileTheBaselineIsCached() {
        try (SegmentNights db = new SegmentNights(freshDatabase("inplace"))) {
            DriftCommand drift = db.bean(DriftCommand.class);
            assertThat(drift.launch(NIGHT_ONE).exitCode()).isEqualTo(ExitCodes.COMPLETED);
            assertThat(drift.launch(NIGHT_TWO).exitCode()).isEqualTo(ExitCodes.COMPLETED);
            List<Map<String, Object>> cached = db.written("bycountry", NIGHT_TWO);
            // Same rows, same timestamps: the fingerprint cannot see it (docs: give such a baseline a baseline.version).
            // Had the second night read the baseline's values or its segments, US would be gone and ZZ a segment.
            db.jdbc.update("UPDATE " + SegmentNights.TABLE + " SET country = 'ZZ', amount = amount + 50"
                    + " WHERE country = 'US' AND scored_at < ?", Instant.parse("2026-02-01T00:00:00Z").atOffset(ZoneOffset.UTC));

            assertThat(drift.rerun("bycountry", NIGHT_TWO).exitCode()).isEqualTo(ExitCodes.COMPLETED);
            assertThat(db.run("bycountry", NIGHT_TWO).get("baseline_source")).isEqualTo("cache");
            assertThat(db.written("bycountry", NIGHT_TWO)).isEqualTo(cached);

            db.emptyCaches();
            assertThat(drift.rerun("bycountry", NIGHT_TWO).exitCode()).isEqualTo(ExitCodes.COMPLETED);
            // read again, the rewrite shows: ZZ is a top value and US, gone from the baseline, a new segment
            assertThat(db.segments("bycountry", NIGHT_TWO)).contains("country=ZZ");
            assertThat(db.jdbc.queryForObject("SELECT baseline_count FROM drift_report WHERE monitor = 'bycountry'"
                    + " AND run_date = ? AND segment = 'country=US' AND feature = 'amount' AND method = 'ks'", Long.class,
                    NIGHT_TWO)).isZero();
            assertThat(db.written("bycountry", NIGHT_TWO)).isNotEqualTo(cached);
        }
    }

    @Test
    void aLateBaselineRowChangesTheFingerprintAndTheBaselineIsReadAgainWithIt() {
        try (SegmentNights db = new SegmentNights(freshDatabase("late"))) {
            DriftCommand drift = db.bean(DriftCommand.class);
            assertThat(drift.launch(NIGHT_ONE).exitCode()).isEqualTo(ExitCodes.COMPLETED);
            assertThat(drift.launch(NIGHT_TWO).exitCode()).isEqualTo(ExitCodes.COMPLETED);
            Map<String, Object> cachedRun = db.run("bycountry", NIGHT_TWO);
            assertThat(cachedRun.get("baseline_source")).isEqualTo("cache");
            long otherBefore = otherBaselineCount(db);
            assertThat(db.segments("bycountry", NIGHT_TWO)).contains("country=YY");

            // YY, new in the second night's window, arrives late in the baseline: no longer new, pooled in (other)
            db.lateBaselineRows(25, "YY");
            assertThat(drift.rerun("bycountry", NIGHT_TWO).exitCode()).isEqualTo(ExitCodes.COMPLETED);

            Map<String, Object> rescanned = db.run("bycountry", NIGHT_TWO);
            assertThat(rescanned.get("baseline_source")).isEqualTo("scan");
            assertThat(rescanned.get("baseline_fingerprint")).isNotEqualTo(cachedRun.get("baseline_fingerprint"));
            assertThat(((Number) rescanned.get("rows_scanned")).longValue())
                    .isEqualTo(SegmentNights.BASELINE_ROWS + 25 + db.dayRows(NIGHT_TWO));
            assertThat(db.segments("bycountry", NIGHT_TWO)).doesNotContain("country=YY");
            assertThat(otherBaselineCount(db)).isEqualTo(otherBefore + 25);
            List<Map<String, Object>> afterLateRows = db.written("bycountry", NIGHT_TWO);

            // the new fingerprint is cached in turn, and a night with empty caches writes the same rows
            assertThat(drift.rerun("bycountry", NIGHT_TWO).exitCode()).isEqualTo(ExitCodes.COMPLETED);
            assertThat(db.run("bycountry", NIGHT_TWO).get("baseline_source")).isEqualTo("cache");
            assertThat(db.written("bycountry", NIGHT_TWO)).isEqualTo(afterLateRows);
            db.emptyCaches();
            assertThat(drift.rerun("bycountry", NIGHT_TWO).exitCode()).isEqualTo(ExitCodes.COMPLETED);
            assertThat(db.run("bycountry", NIGHT_TWO).get("baseline_source")).isEqualTo("scan");
            assertThat(db.written("bycountry", NIGHT_TWO)).isEqualTo(afterLateRows);
        }
    }

    private static long otherBaselineCount(SegmentNights db) {
        return db.jdbc.queryForObject("SELECT baseline_count FROM drift_report WHERE monitor = 'bycountry' AND run_date = ?"
                + " AND segment = 'country=(other)' AND feature = 'amount' AND method = 'ks'", Long.class, NIGHT_TWO);
    }

    private static Instant window(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
