package io.driftwatch.window;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.DriftwatchApplication;

/**
 * One database of the segmented-baseline cache tests: the {@code segbasetest} monitors over {@link #TABLE}, a January
 * baseline of {@link #BASELINE_ROWS} rows (countries US, DE, FR, LU the most frequent, BE and NL pooled in
 * {@code (other)}, some NULL; a distinct user per row) and days of {@link #ROWS_PER_DAY} rows whose new countries
 * differ from day to day (XX on {@link #DAY_ONE}, YY on the next), drawn from a seeded generator.
 */
final class SegmentNights implements AutoCloseable {

    static final String TABLE = "segcache_features";
    static final int BASELINE_ROWS = 12_000;
    static final int ROWS_PER_DAY = 600;
    static final LocalDate DAY_ONE = LocalDate.of(2026, 5, 1);
    /** The night that judges {@link #DAY_ONE}, and the next one. */
    static final LocalDate NIGHT_ONE = DAY_ONE.plusDays(1);
    static final LocalDate NIGHT_TWO = DAY_ONE.plusDays(2);
    static final List<String> MONITORS = List.of("bycountry", "byuser");

    final ConfigurableApplicationContext context;
    final JdbcTemplate jdbc;

    SegmentNights(String url) {
        context = new SpringApplicationBuilder(DriftwatchApplication.class).profiles("segbasetest")
                .run("--spring.datasource.url=" + url, "--driftwatch.launch.enabled=false");
        jdbc = context.getBean(JdbcTemplate.class);
        jdbc.execute("CREATE TABLE " + TABLE + " (scored_at TIMESTAMP WITH TIME ZONE NOT NULL, amount DOUBLE PRECISION,"
                + " channel VARCHAR(10), country VARCHAR(10), user_id VARCHAR(30))");
        jdbc.execute("CREATE INDEX " + TABLE + "_scored_at_ix ON " + TABLE + " (scored_at)");
        Random random = new Random(17);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        long step = Duration.ofDays(31).toNanos() / BASELINE_ROWS;
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < BASELINE_ROWS; i++) {
            rows.add(row(start.plusNanos(step * i), random, country(random, null), "u" + i, 0));
        }
        insert(rows);
        day(DAY_ONE, "XX");
        day(DAY_ONE.plusDays(1), "YY");
    }

    static String h2(String name) {
        return "jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** A day of rows: the baseline's countries, LU's amounts shifted, {@code fresh} a new country of about 6 %. */
    private void day(LocalDate day, String fresh) {
        Random random = new Random(day.toEpochDay());
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        long step = Duration.ofDays(1).toNanos() / ROWS_PER_DAY;
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < ROWS_PER_DAY; i++) {
            String country = country(random, fresh);
            // a third of the users are known from the baseline, the others new every day
            String user = random.nextInt(3) == 0 ? "u" + random.nextInt(BASELINE_ROWS) : "n" + day + "-" + i;
            rows.add(row(start.plusNanos(step * i), random, country, user, "LU".equals(country) ? 8 : 0));
        }
        insert(rows);
    }

    /** Rows inside the baseline's range that arrive after it was cached. */
    void lateBaselineRows(int n, String country) {
        Random random = new Random(99);
        Instant at = Instant.parse("2026-01-20T12:00:00Z");
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(row(at.plusSeconds(i), random, country, "late" + i, 30));
        }
        insert(rows);
    }

    private static Object[] row(Instant at, Random random, String country, String user, double shift) {
        String[] channels = {"web", "shop", "app"};
        return new Object[] {OffsetDateTime.ofInstant(at, ZoneOffset.UTC),
                Math.round((100 + shift + 10 * random.nextGaussian()) * 10) / 10.0, channels[random.nextInt(3)], country,
                user};
    }

    private static String country(Random random, String fresh) {
        int p = random.nextInt(100);
        if (fresh != null && p < 6) {
            return fresh;
        }
        return p < 40 ? "US" : p < 64 ? "DE" : p < 79 ? "FR" : p < 88 ? "LU" : p < 93 ? "BE" : p < 97 ? "NL" : null;
    }

    private void insert(List<Object[]> rows) {
        jdbc.batchUpdate("INSERT INTO " + TABLE + " (scored_at, amount, channel, country, user_id) VALUES (?, ?, ?, ?, ?)",
                rows);
    }

    long rowsIn(Instant from, Instant to) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE + " WHERE scored_at >= ? AND scored_at < ?", Long.class,
                from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
    }

    /** The rows of the current window of {@code night} (the day before it). */
    long dayRows(LocalDate night) {
        return rowsIn(night.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                night.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    long baselineRows() {
        return rowsIn(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"));
    }

    Map<String, Object> run(String monitor, LocalDate night) {
        return jdbc.queryForMap("SELECT * FROM drift_run WHERE monitor = ? AND run_date = ?", monitor, night);
    }

    /** What a night wrote for users of one monitor: its report rows and its run's judgement, without ids and clocks. */
    List<Map<String, Object>> written(String monitor, LocalDate night) {
        List<Map<String, Object>> rows = new ArrayList<>(jdbc.queryForList("""
                SELECT feature, method, segment, status, score, p_value, p_value_adjusted, drifted, severity,
                       baseline_count, current_count, baseline_missing, current_missing, baseline_mean, current_mean,
                       baseline_std, current_std, CAST(details AS VARCHAR(100000)) AS details, explanation
                FROM drift_report WHERE monitor = ? AND run_date = ? ORDER BY feature, method, segment""", monitor, night));
        rows.addAll(jdbc.queryForList("""
                SELECT status, baseline_rows, current_rows, features_evaluated, features_drifted, drift_share,
                       dataset_drift, retraining_decision, retraining_reason
                FROM drift_run WHERE monitor = ? AND run_date = ?""", monitor, night));
        return rows;
    }

    /** The segments a night judged for a monitor. */
    List<String> segments(String monitor, LocalDate night) {
        return jdbc.queryForList("SELECT DISTINCT segment FROM drift_report WHERE monitor = ? AND run_date = ?"
                + " AND segment IS NOT NULL ORDER BY segment", String.class, monitor, night);
    }

    /** Empties every baseline cache, as a first night finds them. */
    void emptyCaches() {
        for (String table : List.of("baseline_profile", "baseline_segment_plan", "baseline_segment_profile")) {
            jdbc.update("DELETE FROM " + table);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
