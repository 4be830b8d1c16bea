package io.driftwatch.canary;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.driftwatch.canary.analysis.Verdict;
import io.driftwatch.db.Dialect;

/**
 * {@code canary_verdict}: one row per distinct analysis request. The request key (see
 * {@link CanaryService}) is unique, so a repeated request finds the recorded verdict instead of
 * adding a row, even when two processes judge the same request at once.
 */
class JdbcCanaryVerdictDao {

    private static final String INSERT = """
            INSERT INTO canary_verdict (request_key, model, baseline_version, candidate_version, mode, input, window_start,
                                        window_end, verdict, reason, baseline_requests, candidate_requests,
                                        baseline_skipped_rows, candidate_skipped_rows, metrics)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, %s)
            ON CONFLICT DO NOTHING""";

    private static final String FIND = """
            SELECT id, model, baseline_version, candidate_version, mode, input, window_start, window_end, verdict, reason,
                   baseline_requests, candidate_requests, baseline_skipped_rows, candidate_skipped_rows, metrics
            FROM canary_verdict
            WHERE request_key = ?""";

    private static final TypeReference<List<Map<String, Object>>> METRICS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final String insert;

    JdbcCanaryVerdictDao(JdbcTemplate jdbc, JsonMapper json, Dialect dialect) {
        this.jdbc = jdbc;
        this.json = json;
        this.insert = INSERT.formatted(dialect.jsonParameter());
    }

    /** The verdict recorded for this request key, if any. */
    Optional<RecordedVerdict> find(String requestKey) {
        return jdbc.query(FIND, this::verdict, requestKey).stream().findFirst();
    }

    /** Records the verdict and returns its id; empty when a verdict with this request key is recorded already. */
    Optional<Long> insert(String requestKey, RecordedVerdict v) {
        String metrics = json.writeValueAsString(v.metrics());
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        int inserted = jdbc.update(connection -> {
            var statement = connection.prepareStatement(insert, new String[] {"id"});
            statement.setString(1, requestKey);
            statement.setString(2, v.model());
            statement.setString(3, v.baselineVersion());
            statement.setString(4, v.candidateVersion());
            statement.setString(5, RecordedVerdict.lower(v.mode()));
            statement.setString(6, RecordedVerdict.lower(v.input()));
            statement.setObject(7, v.windowStart().atOffset(ZoneOffset.UTC));
            statement.setObject(8, v.windowEnd().atOffset(ZoneOffset.UTC));
            statement.setString(9, v.verdict().name());
            statement.setString(10, v.reason());
            statement.setLong(11, v.baselineRequests());
            statement.setLong(12, v.candidateRequests());
            statement.setLong(13, v.baselineSkippedRows());
            statement.setLong(14, v.candidateSkippedRows());
            statement.setString(15, metrics);
            return statement;
        }, keys);
        return inserted == 0 ? Optional.empty() : Optional.of(keys.getKey().longValue());
    }

    private RecordedVerdict verdict(ResultSet rs, int row) throws SQLException {
        return new RecordedVerdict(rs.getLong("id"), rs.getString("model"), rs.getString("baseline_version"),
                rs.getString("candidate_version"), CanaryRequest.Mode.valueOf(rs.getString("mode").toUpperCase(Locale.ROOT)),
                CanaryRequest.Input.valueOf(rs.getString("input").toUpperCase(Locale.ROOT)),
                rs.getObject("window_start", OffsetDateTime.class).toInstant(),
                rs.getObject("window_end", OffsetDateTime.class).toInstant(), Verdict.valueOf(rs.getString("verdict")),
                rs.getString("reason"), rs.getLong("baseline_requests"), rs.getLong("candidate_requests"),
                rs.getLong("baseline_skipped_rows"), rs.getLong("candidate_skipped_rows"),
                json.readValue(rs.getString("metrics"), METRICS));
    }
}
