package io.driftwatch.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes loan-scoring feature rows whose distributions are known: four numeric features
 * ({@code income}, {@code age}, {@code credit_score}, {@code debt_ratio}) and two categorical ones
 * ({@code region}, {@code channel}). A feature named in {@code shifted} gets a controlled shift of
 * about 0.6 standard deviations (numeric) or reversed category frequencies (categorical); the others
 * keep the baseline distribution. The same seed and row count reproduce the same values, so a
 * window generated with the baseline's seed is identical to the baseline.
 */
public final class SyntheticDriftGenerator {

    public static final List<String> NUMERIC_FEATURES = List.of("income", "age", "credit_score", "debt_ratio");
    public static final List<String> CATEGORICAL_FEATURES = List.of("region", "channel");

    private static final String[] REGIONS = {"north", "south", "east", "west", "central"};
    private static final double[] REGION_WEIGHTS = {0.30, 0.25, 0.20, 0.15, 0.10};
    private static final String[] CHANNELS = {"web", "branch", "partner"};
    private static final double[] CHANNEL_WEIGHTS = {0.5, 0.3, 0.2};

    private static final String CREATE = """
            CREATE TABLE IF NOT EXISTS %s (
                scored_at     TIMESTAMP WITH TIME ZONE NOT NULL,
                income        DOUBLE PRECISION,
                age           INTEGER,
                credit_score  DOUBLE PRECISION,
                debt_ratio    DOUBLE PRECISION,
                region        VARCHAR(20),
                channel       VARCHAR(20)
            )""";

    private static final String INSERT = """
            INSERT INTO %s (scored_at, income, age, credit_score, debt_ratio, region, channel)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;

    public SyntheticDriftGenerator(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the feature table (plain identifier, created by driftwatch itself) when it does not exist. */
    public void createTable(String table) {
        requirePlain(table);
        jdbc.execute(CREATE.formatted(table));
        // Bucket fingerprints (row count and latest timestamp per bucket) are then answered from the index.
        jdbc.execute("CREATE INDEX IF NOT EXISTS " + table + "_scored_at_ix ON " + table + " (scored_at)");
    }

    /**
     * Inserts {@code rows} rows with timestamps spread evenly over {@code [from, to)}.
     *
     * @param shifted features whose distribution is shifted; empty for the baseline distribution
     */
    public void insert(String table, Instant from, Instant to, int rows, Set<String> shifted, long seed) {
        requirePlain(table);
        Random random = new Random(seed);
        long spanNanos = Duration.between(from, to).toNanos();
        List<Object[]> batch = new ArrayList<>(1000);
        for (int i = 0; i < rows; i++) {
            Instant at = from.plusNanos(spanNanos / rows * i);
            double logIncome = 10.5 + 0.5 * random.nextGaussian() + (shifted.contains("income") ? 0.3 : 0);
            Double income = random.nextDouble() < 0.02 ? null : Math.round(Math.exp(logIncome) * 100) / 100.0;
            int age = (int) Math.max(18, Math.min(90, Math.round(40 + 12 * random.nextGaussian()
                    + (shifted.contains("age") ? 8 : 0))));
            double creditScore = Math.round(680 + 60 * random.nextGaussian() - (shifted.contains("credit_score") ? 40 : 0));
            double debtRatio = Math.max(0, Math.round((0.35 + 0.1 * random.nextGaussian()
                    + (shifted.contains("debt_ratio") ? 0.07 : 0)) * 10_000) / 10_000.0);
            String region = pick(random, REGIONS, REGION_WEIGHTS, shifted.contains("region"));
            String channel = pick(random, CHANNELS, CHANNEL_WEIGHTS, shifted.contains("channel"));
            batch.add(new Object[] {at.atOffset(ZoneOffset.UTC), income, age, creditScore, debtRatio, region, channel});
            if (batch.size() == 1000) {
                jdbc.batchUpdate(INSERT.formatted(table), batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            jdbc.batchUpdate(INSERT.formatted(table), batch);
        }
    }

    /** Reversed weights when shifted: the most frequent category becomes the rarest. */
    private static String pick(Random random, String[] values, double[] weights, boolean shifted) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (int i = 0; i < values.length; i++) {
            cumulative += weights[shifted ? weights.length - 1 - i : i];
            if (u < cumulative) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    private static void requirePlain(String table) {
        if (!table.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("demo table names are plain lower-case identifiers: " + table);
        }
    }
}
