package io.driftwatch.canary;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.canary.analysis.LoggedValues;
import io.driftwatch.canary.analysis.ShadowPair;
import io.driftwatch.canary.analysis.ShadowResponse;
import io.driftwatch.canary.analysis.VersionSample;
import io.driftwatch.db.SqlIdentifier;

/**
 * Reads a model version's requests in a time window from the prediction log. Table and column
 * names come from configuration ({@link LogSource}): checked as plain identifiers and quoted. They are
 * resolved on each call, not at startup, so that a wrong name fails canaryJob's check with exit 2
 * instead of every command's startup.
 */
public class JdbcPredictionLogSource {

    private static final String SAMPLE = """
            SELECT {latency}, {error}, {score}, {correct} FROM {table}
            WHERE {model} = ? AND {version} = ? AND {timestamp} >= ? AND {timestamp} < ?""";

    /** Every request production logged in the window, with the candidate's row for the same request id if any. */
    private static final String SHADOW = """
            SELECT p.{score}, p.{latency}, p.{error}, c.{requestId}, c.{score}, c.{latency}, c.{error}
            FROM {table} p LEFT JOIN {table} c
              ON c.{requestId} = p.{requestId} AND c.{model} = p.{model} AND c.{version} = ?
            WHERE p.{model} = ? AND p.{version} = ? AND p.{timestamp} >= ? AND p.{timestamp} < ?""";

    private static final String HAS_VERSION = """
            SELECT 1 FROM {table} WHERE {model} = ? AND {version} = ? FETCH FIRST 1 ROWS ONLY""";

    private static final String VERSIONS = """
            SELECT DISTINCT {version} FROM {table} WHERE {model} = ? ORDER BY {version} FETCH FIRST ? ROWS ONLY""";

    /** Each placeholder of the statements and the key that names its table or column. */
    private static final Map<String, String> FIELDS = Map.of("{table}", LogSource.TABLE, "{requestId}",
            LogSource.REQUEST_ID, "{model}", LogSource.MODEL, "{version}", LogSource.VERSION, "{timestamp}",
            LogSource.TIMESTAMP, "{latency}", LogSource.LATENCY, "{error}", LogSource.ERROR, "{score}", LogSource.SCORE,
            "{correct}", LogSource.CORRECT);

    /** The requests production served in the window, paired with the candidate's responses, and the rows skipped. */
    public record ShadowLog(List<ShadowPair> pairs, long productionSkipped, long candidateSkipped, long candidateLogged) {
    }

    private final JdbcTemplate jdbc;
    private final CanaryProperties properties;

    public JdbcPredictionLogSource(JdbcTemplate jdbc, CanaryProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Every request of {@code modelName}/{@code versionName} with {@code from <= timestamp < to}. */
    public VersionSample sample(String modelName, String versionName, Instant from, Instant to) {
        VersionSample.Builder sample = new VersionSample.Builder(versionName);
        jdbc.query(sql(SAMPLE), rs -> {
            sample.add(nullableDouble(rs, 1), rs.getBoolean(2), nullableDouble(rs, 3), nullableBoolean(rs, 4));
        }, modelName, versionName, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
        return sample.build();
    }

    /**
     * Requests production logged in the window, each with the candidate's response to the same request id, or
     * without one when the candidate did not log it. A request whose production or candidate row holds an
     * {@linkplain LoggedValues unusable} value is skipped and counted on that side.
     */
    public ShadowLog shadow(String modelName, String production, String candidate, Instant from, Instant to) {
        List<ShadowPair> pairs = new ArrayList<>();
        long[] counts = new long[3]; // production skipped, candidate skipped, candidate logged
        jdbc.query(sql(SHADOW), rs -> {
            Double productionScore = nullableDouble(rs, 1);
            Double productionLatency = nullableDouble(rs, 2);
            boolean logged = rs.getObject(4) != null;
            Double candidateScore = nullableDouble(rs, 5);
            Double candidateLatency = nullableDouble(rs, 6);
            if (!LoggedValues.usable(productionLatency, productionScore)) {
                counts[0]++;
            } else if (logged && !LoggedValues.usable(candidateLatency, candidateScore)) {
                counts[1]++;
            } else {
                ShadowResponse p = new ShadowResponse(productionScore, productionLatency, rs.getBoolean(3));
                pairs.add(logged ? new ShadowPair(p, new ShadowResponse(candidateScore, candidateLatency, rs.getBoolean(7)))
                        : ShadowPair.candidateMissing(p));
                counts[2] += logged ? 1 : 0;
            }
        }, candidate, modelName, production, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
        return new ShadowLog(pairs, counts[0], counts[1], counts[2]);
    }

    /** Whether the log holds any row of this model version (at any time). */
    public boolean hasVersion(String modelName, String versionName) {
        return !jdbc.queryForList(sql(HAS_VERSION), Integer.class, modelName, versionName).isEmpty();
    }

    /** Up to {@code limit} versions of the model that the log holds, in order. */
    public List<String> versions(String modelName, int limit) {
        return jdbc.queryForList(sql(VERSIONS), String.class, modelName, limit);
    }

    /**
     * The statement with each {@code {field}} replaced by the configured, quoted identifier.
     *
     * @throws IllegalStateException when a name the statement needs is not a plain identifier (canaryJob's check
     *                               reports that first)
     */
    private String sql(String template) {
        List<CanaryProblem> problems = new ArrayList<>();
        Map<String, SqlIdentifier> names = LogSource.parse(properties, problems);
        String sql = template;
        for (Map.Entry<String, String> field : FIELDS.entrySet()) {
            SqlIdentifier name = names.get(field.getValue());
            if (name != null) {
                sql = sql.replace(field.getKey(), name.quoted());
            }
        }
        if (sql.contains("{")) {
            throw new IllegalStateException("cannot read the prediction log: " + problems);
        }
        return sql;
    }

    private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static Boolean nullableBoolean(ResultSet rs, int column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }
}
