package io.driftwatch.window;

import static java.time.ZoneOffset.UTC;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.driftwatch.config.Monitor;
import io.driftwatch.config.MonitorCatalog;
import io.driftwatch.source.JdbcFeatureSource;
import io.driftwatch.source.JdbcSchemaInspector;

import io.driftwatch.support.PostgresTestDatabase;
import io.driftwatch.support.RequiresPostgres;

/** Bucketed profiles and backfill on PostgreSQL, each context in a schema of its own. */
@RequiresPostgres
class PostgresBucketedWindowTests extends AbstractBucketedWindowTests {

    private static final List<String> URLS = new ArrayList<>();

    @Override
    String freshDatabase(String name) {
        String url = PostgresTestDatabase.freshSchemaUrl("dw_buckets_" + name);
        URLS.add(url);
        return url;
    }

    @Test
    void fingerprintsAndTheEmptyWindowCheckAreAnsweredFromTheIndexWithoutFetchingRows() {
        try (BucketNights db = new BucketNights(freshDatabase("indexonly"))) {
            db.days(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 7));
            db.jdbc.execute("VACUUM ANALYZE " + BucketNights.TABLE);
            Monitor monitor = db.bean(MonitorCatalog.class).require("weekly");
            WindowProfiler profiler = db.bean(WindowProfiler.class);
            JdbcFeatureSource source = db.bean(JdbcFeatureSource.class);
            RangeFingerprint ranges = new RangeFingerprint(db.jdbc, db.bean(JdbcSchemaInspector.class), ZoneOffset.UTC);
            Instant end = Instant.parse("2026-03-08T00:00:00Z");
            Instant start = end.minus(Duration.ofDays(7));

            // one transaction, so that pg_stat_xact_user_tables counts exactly these statements
            long[] fetched = new TransactionTemplate(db.bean(PlatformTransactionManager.class)).execute(status -> {
                for (Bucket bucket : Bucket.of(start, end, Duration.ofDays(1), 2, UTC)) {
                    assertThat(profiler.buckets().fingerprint(monitor, bucket).rows()).isPositive();
                }
                BaselineFingerprint baseline = BaselineFingerprint.of(monitor, source, ranges, Duration.ofDays(1), ZoneOffset.UTC);
                assertThat(baseline.data()).startsWith("rows=" + BucketNights.BASELINE_ROWS + ";");
                assertThat(source.hasRows(monitor, monitor.sourceTable(), start, end, ZoneOffset.UTC)).isTrue();
                assertThat(source.hasRows(monitor, monitor.sourceTable(), end, end.plus(Duration.ofDays(1)), ZoneOffset.UTC))
                        .isFalse();
                return db.jdbc.queryForObject("SELECT seq_tup_read, COALESCE(idx_tup_fetch, 0) FROM"
                        + " pg_stat_xact_user_tables WHERE schemaname = current_schema() AND relname = ?", (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)},
                        BucketNights.TABLE);
            });

            // Heap fetches depend on the visibility map, which other sessions' snapshots hold back on a shared server
            // (then every index entry the counts visit costs a fetch, plus the empty-window probes' few); what the
            // statements must never do is scan the table.
            assertThat(fetched[0]).as("rows read by sequential scans").isZero();
            assertThat(fetched[1]).as("heap rows fetched through the index").isLessThanOrEqualTo(
                    BucketNights.BASELINE_ROWS + 7L * BucketNights.ROWS_PER_DAY + 100);
            String plan = String.join("\n", db.jdbc.queryForList("EXPLAIN " + RangeFingerprint.sql(monitor,
                    monitor.sourceTable(), null).replaceFirst("\\?", "'2026-03-01T00:00:00Z'").replaceFirst("\\?",
                    "'2026-03-02T00:00:00Z'"), String.class));
            assertThat(plan).contains("Index Only Scan");
        }
    }

    @Test
    void rangesCountedTogetherInOneStatementEqualEachRangeCountedAlone() {
        try (BucketNights db = new BucketNights(freshDatabase("together"))) {
            db.days(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 7));
            Monitor monitor = db.bean(MonitorCatalog.class).require("weekly");
            RangeFingerprint ranges = new RangeFingerprint(db.jdbc, db.bean(JdbcSchemaInspector.class), ZoneOffset.UTC);
            // uneven ranges, one of them empty, more than one statement's worth
            List<Bucket> buckets = new ArrayList<>();
            Instant at = Instant.parse("2026-02-27T00:00:00Z");
            for (int i = 0; i < RangeFingerprint.RANGES_PER_STATEMENT + 7; i++) {
                Instant next = at.plus(Duration.ofHours(1 + i % 5));
                buckets.add(new Bucket(at, next));
                at = next;
            }

            List<RangeFingerprint.Data> together = ranges.of(monitor, monitor.sourceTable(), null, buckets);

            List<RangeFingerprint.Data> alone = buckets.stream()
                    .map(b -> ranges.of(monitor, monitor.sourceTable(), null, b)).toList();
            assertThat(together).isEqualTo(alone);
            assertThat(alone.stream().mapToLong(RangeFingerprint.Data::rows).distinct().count()).isGreaterThan(2);
        }
    }

    @AfterAll
    static void dropSchemas() {
        URLS.forEach(PostgresTestDatabase::dropSchemaOf);
    }
}
