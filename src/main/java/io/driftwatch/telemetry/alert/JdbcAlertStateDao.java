package io.driftwatch.telemetry.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code alert_state}: per dedup key and sink, whether the problem fires and whether the sink has heard it.
 * Every change is a compare-and-set on {@code version}, so of two runs that observe the same transition
 * at the same time exactly one claims it and sends it; the other sees the claim and sends nothing.
 */
final class JdbcAlertStateDao {

    /** A row as read before a claim. */
    record State(String dedupKey, String sink, Alert.Status status, LocalDate runDate, Instant openedAt,
                 DeliveryStatus delivery, int attempts, Instant claimedUntil, long version, Instant deliveredAt) {
    }

    /** Whether the row's current status has reached the sink. */
    enum DeliveryStatus {
        /** The sink accepted it. */
        DELIVERED,
        /** Owed: not attempted yet (or being sent right now, see claimed_until). */
        PENDING,
        /** Every attempt of the last delivery failed; the next observation tries again. */
        FAILED
    }

    private static final String SELECT = """
            SELECT dedup_key, sink, status, run_date, opened_at, delivery_status, attempts, claimed_until, version,
                   delivered_at
            FROM alert_state WHERE dedup_key = ? AND sink = ?""";

    private static final String INSERT_FIRING = """
            INSERT INTO alert_state (dedup_key, sink, problem, monitor, model, status, run_date, opened_at, updated_at,
                                     summary, delivery_status, attempts, claimed_until, version)
            VALUES (?, ?, ?, ?, ?, 'FIRING', ?, ?, ?, ?, 'PENDING', 0, ?, 1)
            ON CONFLICT DO NOTHING""";

    private static final String CLAIM = """
            UPDATE alert_state SET status = ?, problem = ?, monitor = ?, model = ?, run_date = ?, opened_at = ?, updated_at = ?,
                   summary = ?, delivery_status = 'PENDING', attempts = ?, claimed_until = ?, version = version + 1
            WHERE dedup_key = ? AND sink = ? AND version = ?""";

    private static final String RECORD = """
            UPDATE alert_state SET delivery_status = ?, attempts = attempts + ?, last_status_code = ?, last_error = ?,
                   last_attempt_at = COALESCE(?, last_attempt_at), delivered_at = COALESCE(?, delivered_at),
                   claimed_until = NULL, updated_at = ?, version = version + 1
            WHERE dedup_key = ? AND sink = ? AND version = ?""";

    private static final String ADVANCE_RUN_DATE = """
            UPDATE alert_state SET run_date = ? WHERE dedup_key = ? AND sink = ? AND (run_date IS NULL OR run_date < ?)""";

    private static final int MAX_ERROR = 2000;

    private final JdbcTemplate jdbc;

    JdbcAlertStateDao(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<State> find(String dedupKey, String sink) {
        return jdbc.query(SELECT, this::map, dedupKey, sink).stream().findFirst();
    }

    /** Opens a new incident for the sink, claimed by the caller (version 1); false when the row already exists. */
    boolean insertFiring(Alert alert, String sink, Instant now, Instant claimedUntil) {
        return jdbc.update(INSERT_FIRING, alert.dedupKey(), sink, alert.problem().id(), alert.monitor(), alert.model(),
                alert.runDate(), utc(now), utc(now), alert.summary(), utc(claimedUntil)) == 1;
    }

    /**
     * Claims a delivery of {@code alert} (a transition, a retry or a refresh) if the row is still at
     * {@code seen.version()}; the claimed row is at {@code seen.version() + 1}.
     */
    boolean claim(State seen, Alert alert, Instant openedAt, int attempts, Instant now, Instant claimedUntil) {
        // an older run date never gets here (the dispatcher calls it STALE), so only a missing one keeps the row's
        LocalDate runDate = alert.runDate() != null ? alert.runDate() : seen.runDate();
        return jdbc.update(CLAIM, alert.status().name(), alert.problem().id(), alert.monitor(), alert.model(), runDate,
                utc(openedAt), utc(now), alert.summary(), attempts, utc(claimedUntil), seen.dedupKey(), seen.sink(),
                seen.version()) == 1;
    }

    /** Records the outcome of a claimed delivery; false when the claim was lost (it expired and was taken over). */
    boolean record(String dedupKey, String sink, long claimedVersion, HttpDelivery.Result result, Instant now) {
        DeliveryStatus status = result.delivered() ? DeliveryStatus.DELIVERED
                : result.attempted() ? DeliveryStatus.FAILED : DeliveryStatus.PENDING;
        String error = result.error() == null ? null : Alert.abbreviate(result.error(), MAX_ERROR);
        return jdbc.update(RECORD, status.name(), result.attempts(), result.statusCode(), error,
                result.attempted() ? utc(now) : null, result.delivered() ? utc(now) : null, utc(now), dedupKey, sink,
                claimedVersion) == 1;
    }

    /** Remembers that a run date was observed without a change, so that older dates never override it. */
    void advanceRunDate(String dedupKey, String sink, LocalDate runDate) {
        if (runDate != null) {
            jdbc.update(ADVANCE_RUN_DATE, runDate, dedupKey, sink, runDate);
        }
    }

    private State map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime claimed = rs.getObject("claimed_until", OffsetDateTime.class);
        OffsetDateTime delivered = rs.getObject("delivered_at", OffsetDateTime.class);
        return new State(rs.getString("dedup_key"), rs.getString("sink"), Alert.Status.valueOf(rs.getString("status")),
                rs.getObject("run_date", LocalDate.class), rs.getObject("opened_at", OffsetDateTime.class).toInstant(),
                DeliveryStatus.valueOf(rs.getString("delivery_status")), rs.getInt("attempts"),
                claimed == null ? null : claimed.toInstant(), rs.getLong("version"),
                delivered == null ? null : delivered.toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
