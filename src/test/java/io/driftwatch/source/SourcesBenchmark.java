package io.driftwatch.source;

import java.io.FileReader;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.driftwatch.config.MethodPlan;
import io.driftwatch.config.Monitor;
import io.driftwatch.config.Relation;
import io.driftwatch.db.Dialect;
import io.driftwatch.db.SqlIdentifier;
import io.driftwatch.profile.FeatureType;

/**
 * Profiles the same rows (one day, 8 numeric and 2 categorical features) read four ways and prints each
 * against the table, measured in the same run: a PostgreSQL table, a query joining two PostgreSQL tables that
 * hold the same rows split, Parquet files through DuckDB, and CSV files through DuckDB. DuckDB writes the
 * files; PostgreSQL loads the CSV, so every source holds exactly the same rows. Not a test: bench/sources/run.sh.
 */
public final class SourcesBenchmark {

    private static final int NUMERIC = 8;

    public static void main(String[] args) throws Exception {
        String url = args[0];
        long rows = Long.parseLong(args[1]);
        int repeats = Integer.parseInt(args[2]);
        int files = 4;
        Path dir = Files.createTempDirectory("driftwatch-sources-bench");
        String schema = "dw_sources_bench";
        try {
            System.out.printf("== writing %,d rows as %d Parquet and %d CSV files with DuckDB%n", rows, files, files);
            writeFiles(dir, rows, files);
            System.out.println("== loading the same rows into PostgreSQL (schema " + schema + "): a table, and facts + dimension");
            String schemaUrl = load(url, schema, dir, files);
            JdbcFeatureSource source = new JdbcFeatureSource(new DriverManagerDataSource(schemaUrl), Dialect.postgresql());
            Map<String, Relation> relations = new LinkedHashMap<>();
            relations.put("PostgreSQL table", new Relation.Table(SqlIdentifier.parse("features")));
            relations.put("PostgreSQL query joining two tables", new Relation.Query("""
                    SELECT f.scored_at, f.f1, f.f2, f.f3, f.f4, f.f5, f.f6, f.f7, f.f8, d.c1, d.c2
                    FROM facts f JOIN dims d ON d.id = f.id WHERE NOT f.test_traffic"""));
            relations.put("Parquet via DuckDB", new Relation.Files(dir + "/*.parquet", Relation.Format.PARQUET));
            relations.put("CSV via DuckDB", new Relation.Files(dir + "/*.csv", Relation.Format.CSV));
            Instant from = Instant.parse("2026-03-01T00:00:00Z");
            Instant to = from.plus(Duration.ofDays(1));
            Map<String, Double> best = new LinkedHashMap<>();
            Map<String, Double> floor = new LinkedHashMap<>();
            for (int round = 0; round <= repeats; round++) {
                for (Map.Entry<String, Relation> e : relations.entrySet()) {
                    Monitor monitor = monitor(e.getValue());
                    long start = System.nanoTime();
                    WindowProfile profile = source.profile(monitor, e.getValue(), from, to, ZoneOffset.UTC, null);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    if (profile.rowsRead() != rows) {
                        throw new IllegalStateException(e.getKey() + " read " + profile.rowsRead() + " rows, not " + rows);
                    }
                    start = System.nanoTime();
                    long streamed = stream(source, monitor, e.getValue(), from, to, schemaUrl);
                    double floorSeconds = (System.nanoTime() - start) / 1e9;
                    if (streamed != rows) {
                        throw new IllegalStateException(e.getKey() + " streamed " + streamed + " rows, not " + rows);
                    }
                    if (round > 0) { // round 0 warms up the JVM, the page cache and DuckDB
                        best.merge(e.getKey(), seconds, Math::min);
                        floor.merge(e.getKey(), floorSeconds, Math::min);
                    }
                }
            }
            double table = best.get("PostgreSQL table");
            System.out.printf("%n%d rows x %d features, best of %d after a warm-up round (floor: the same statement's"
                    + " cells fetched through JDBC, not profiled):%n", rows, NUMERIC + 2, repeats);
            System.out.printf("%-38s %9s %12s %9s %9s %9s%n", "source", "seconds", "rows/s", "vs table", "floor",
                    "vs floor");
            best.forEach((name, s) -> System.out.printf("%-38s %9.2f %,12.0f %8.2fx %8.2fs %8.2fx%n", name, s, rows / s,
                    s / table, floor.get(name), s / floor.get(name)));
        } finally {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
            try (var paths = Files.list(dir)) {
                for (Path p : paths.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    /** Fetches every cell of the statement the source runs for the window, as the profile does, without profiling. */
    private static long stream(JdbcFeatureSource source, Monitor monitor, Relation relation, Instant from, Instant to,
                               String schemaUrl) throws Exception {
        Map.Entry<String, Object[]> statement = source.profileStatement(monitor, relation, from, to, ZoneOffset.UTC);
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("jdbc_stream_results", "true");
        try (Connection c = relation instanceof Relation.Files ? DriverManager.getConnection("jdbc:duckdb:", properties)
                : DriverManager.getConnection(schemaUrl)) {
            c.setAutoCommit(false);
            try (var ps = c.prepareStatement(statement.getKey())) {
                ps.setFetchSize(JdbcFeatureSource.FETCH_SIZE);
                for (int i = 0; i < statement.getValue().length; i++) {
                    ps.setObject(i + 1, statement.getValue()[i]);
                }
                long n = 0;
                double sum = 0;
                try (var rs = ps.executeQuery()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int k = 1; k <= columns; k++) {
                            if (k <= NUMERIC) {
                                sum += rs.getDouble(k);
                            } else {
                                sum += rs.getString(k) == null ? 0 : 1;
                            }
                        }
                        n++;
                    }
                }
                c.rollback();
                return sum == Double.NEGATIVE_INFINITY ? -1 : n;
            }
        }
    }

    /** N rows over one day, values from a hash of the row number (the same on every run). */
    private static void writeFiles(Path dir, long rows, int files) throws Exception {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            StringBuilder select = new StringBuilder("SELECT i AS id, TIMESTAMP '2026-03-01 00:00:00' + to_microseconds(")
                    .append("CAST(i * 86399999999 // ").append(rows).append(" AS BIGINT)) AS scored_at");
            for (int k = 1; k <= NUMERIC; k++) {
                // a normal-ish value (sum of three uniforms), shifted per feature
                select.append(", ").append(k * 10).append(" + (hash(i, ").append(k).append(") % 1000000")
                        .append(" + hash(i, ").append(k + 100).append(") % 1000000 + hash(i, ").append(k + 200)
                        .append(") % 1000000) / 100000.0 AS f").append(k);
            }
            select.append(", 'c' || (hash(i, 1000) % 12) AS c1, 'r' || (hash(i, 1001) % 40) AS c2 FROM range(")
                    .append(rows).append(") t(i)");
            s.execute("CREATE TABLE rows AS " + select);
            for (int f = 0; f < files; f++) {
                String part = "SELECT * FROM rows WHERE id % " + files + " = " + f + " ORDER BY scored_at";
                s.execute("COPY (" + part + ") TO '" + dir.resolve("part-" + f + ".parquet") + "' (FORMAT parquet)");
                s.execute("COPY (" + part + ") TO '" + dir.resolve("part-" + f + ".csv") + "' (FORMAT csv, HEADER true)");
            }
        }
    }

    private static String load(String url, String schema, Path dir, int files) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
            s.execute("SET search_path = " + schema);
            List<String> numeric = new ArrayList<>();
            for (int k = 1; k <= NUMERIC; k++) {
                numeric.add("f" + k + " DOUBLE PRECISION");
            }
            s.execute("CREATE TABLE features (id BIGINT, scored_at TIMESTAMP NOT NULL, " + String.join(", ", numeric)
                    + ", c1 VARCHAR(8), c2 VARCHAR(8))");
            for (int f = 0; f < files; f++) {
                try (Reader in = new FileReader(dir.resolve("part-" + f + ".csv").toFile())) {
                    c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY features FROM STDIN (FORMAT csv, HEADER true)", in);
                }
            }
            s.execute("CREATE INDEX features_scored_at_ix ON features (scored_at)");
            s.execute("CREATE TABLE facts AS SELECT id, scored_at, f1, f2, f3, f4, f5, f6, f7, f8, false AS test_traffic"
                    + " FROM features");
            s.execute("CREATE TABLE dims AS SELECT id, c1, c2 FROM features");
            s.execute("ALTER TABLE dims ADD PRIMARY KEY (id)");
            s.execute("CREATE INDEX facts_scored_at_ix ON facts (scored_at)");
            s.execute("VACUUM ANALYZE features");
            s.execute("VACUUM ANALYZE facts");
            s.execute("VACUUM ANALYZE dims");
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static Monitor monitor(Relation relation) {
        List<Monitor.Feature> features = new ArrayList<>();
        for (int k = 1; k <= NUMERIC; k++) {
            features.add(new Monitor.Feature("f" + k, FeatureType.NUMERIC, SqlIdentifier.parse("f" + k), List.of()));
        }
        features.add(new Monitor.Feature("c1", FeatureType.CATEGORICAL, SqlIdentifier.parse("c1"), List.of()));
        features.add(new Monitor.Feature("c2", FeatureType.CATEGORICAL, SqlIdentifier.parse("c2"), List.of()));
        return new Monitor("bench", "bench", relation, SqlIdentifier.parse("scored_at"),
                new Monitor.Baseline(relation, null, null, null), Duration.ofDays(1), features,
                Monitor.RetrainingPolicy.REFERENCE_DEFAULTS, SqlIdentifier.parse("model_performance"), MethodPlan.DEFAULT);
    }
}
