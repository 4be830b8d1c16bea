package io.driftwatch.demo;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.config.DriftwatchProperties;

/**
 * The built-in demo: when driftwatch runs on its embedded in-memory database with no monitors
 * configured, it monitors a synthetic loan-scoring model whose current window has drifted in
 * {@code income} and {@code region} and nowhere else. Never used with a configured database.
 */
public final class DemoData {

    public static final String MODEL = "credit-risk-demo";
    public static final String BASELINE_TABLE = "demo_loan_baseline";
    public static final String SOURCE_TABLE = "demo_loan_features";
    public static final Set<String> SHIFTED = Set.of("income", "region");
    static final int ROWS = 20_000;

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final JdbcTemplate jdbc;

    public DemoData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The in-memory H2 database of the embedded default, the only place demo data is written. */
    public static boolean isEmbeddedDefault(String datasourceUrl) {
        return datasourceUrl != null && datasourceUrl.startsWith("jdbc:h2:mem:");
    }

    /** Fills the demo tables for {@code runDate}; see {@link #load(JdbcTemplate, LocalDate, ZoneId)}. */
    public void load(LocalDate runDate, ZoneId zone) {
        load(jdbc, runDate, zone);
    }

    /**
     * The demo monitor as if a user had written it in YAML (so it passes the same validation). It lists no
     * {@code methods}, so it shows what a new monitor gets: the default selection.
     */
    public static List<DriftwatchProperties.MonitorProperties> monitors() {
        DriftwatchProperties.MonitorProperties m = new DriftwatchProperties.MonitorProperties();
        m.setName("loans-demo");
        m.setModel(MODEL);
        m.getSource().setTable(SOURCE_TABLE);
        m.getSource().setTimestampColumn("scored_at");
        m.getBaseline().setTable(BASELINE_TABLE);
        m.setWindow("P1D");
        for (String f : SyntheticDriftGenerator.NUMERIC_FEATURES) {
            m.getFeatures().add(feature(f, "numeric"));
        }
        for (String f : SyntheticDriftGenerator.CATEGORICAL_FEATURES) {
            m.getFeatures().add(feature(f, "categorical"));
        }
        return List.of(m);
    }

    /** Fills the demo tables: a whole-table baseline and the day before {@code runDate} with drift. */
    public static void load(JdbcTemplate jdbc, LocalDate runDate, ZoneId zone) {
        SyntheticDriftGenerator generator = new SyntheticDriftGenerator(jdbc);
        generator.createTable(BASELINE_TABLE);
        generator.createTable(SOURCE_TABLE);
        Instant windowEnd = runDate.atStartOfDay(zone).toInstant();
        Instant windowStart = runDate.minusDays(1).atStartOfDay(zone).toInstant();
        Long existing = jdbc.queryForObject("SELECT COUNT(*) FROM " + SOURCE_TABLE + " WHERE scored_at >= ? AND scored_at < ?",
                Long.class, windowStart.atOffset(java.time.ZoneOffset.UTC), windowEnd.atOffset(java.time.ZoneOffset.UTC));
        if (existing != null && existing > 0) {
            return;
        }
        if (jdbc.queryForObject("SELECT COUNT(*) FROM " + BASELINE_TABLE, Long.class) == 0) {
            generator.insert(BASELINE_TABLE, runDate.minusDays(31).atStartOfDay(zone).toInstant(), windowStart, ROWS, Set.of(), 7);
        }
        generator.insert(SOURCE_TABLE, windowStart, windowEnd, ROWS, SHIFTED, 11);
        jdbc.update("DELETE FROM model_performance WHERE model = ? AND metric_date = ?", MODEL, runDate.minusDays(1));
        jdbc.update("INSERT INTO model_performance (model, metric_date, accuracy, latency_seconds) VALUES (?, ?, ?, ?)",
                MODEL, runDate.minusDays(1), 0.83, 0.21);
        log.info("Demo: loaded {} baseline rows and {} rows for {} with drift in {}", ROWS, ROWS, runDate.minusDays(1), SHIFTED);
    }

    private static DriftwatchProperties.FeatureProperties feature(String name, String type) {
        DriftwatchProperties.FeatureProperties f = new DriftwatchProperties.FeatureProperties();
        f.setName(name);
        f.setType(type);
        return f;
    }
}
