package io.driftwatch.window;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.source.WindowProfile;

/**
 * {@code baseline_segment_plan} and {@code baseline_segment_profile}: what a segmented monitor's baseline gives every
 * night while its fingerprint is unchanged, keyed by monitor, fingerprint and segmentation ({@link #key}): the
 * planner's view of the baseline (top values, whether it pools more, every value it holds) and the profile of each of
 * its segments. Entries of other fingerprints are removed when a new one is stored, as in {@code baseline_profile}.
 */
public class JdbcBaselineSegmentDao {

    /** Bumped when the way a segmented baseline is planned or split changes meaning. */
    static final String SEGMENT_SEMANTICS = "segments-v1";

    private static final String SELECT_PLAN = """
            SELECT top_values, pooled, known_values FROM baseline_segment_plan
            WHERE monitor = ? AND fingerprint = ? AND segmentation = ?""";
    private static final String DELETE_OTHER_PLANS =
            "DELETE FROM baseline_segment_plan WHERE monitor = ? AND fingerprint <> ?";
    // Two runs of different dates may plan the same baseline at once: the first one stored wins.
    private static final String INSERT_PLAN = """
            INSERT INTO baseline_segment_plan (monitor, fingerprint, segmentation, top_values, pooled, known_values)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";
    private static final String SELECT_PROFILES = """
            SELECT segment, feature, rows_read, profile FROM baseline_segment_profile
            WHERE monitor = ? AND fingerprint = ? AND segmentation = ?""";
    private static final String DELETE_OTHER_PROFILES =
            "DELETE FROM baseline_segment_profile WHERE monitor = ? AND fingerprint <> ?";
    private static final String DELETE_PROFILES =
            "DELETE FROM baseline_segment_profile WHERE monitor = ? AND fingerprint = ? AND segmentation = ?";
    private static final String INSERT_PROFILE = """
            INSERT INTO baseline_segment_profile (monitor, fingerprint, segmentation, segment, feature, feature_type,
                rows_read, profile)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";

    /** Rows per batch: bounds the profiles held for one round trip. */
    private static final int BATCH = 100;

    /**
     * The planner's view of a cached baseline: its top values (at most {@code max}), whether it holds more, and every
     * value it holds, or {@code null} when it holds too many to keep.
     */
    public record Plan(List<String> top, boolean pooled, List<String> known) {
    }

    private final JdbcTemplate jdbc;

    public JdbcBaselineSegmentDao(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The key of a segmentation: what its plan and profiles depend on besides the baseline (column and max). */
    public static String key(io.driftwatch.config.Monitor.Segmentation s) {
        return SEGMENT_SEMANTICS + ";" + s.column().name() + ";max=" + s.max();
    }

    public Optional<Plan> findPlan(String monitor, String fingerprint, String segmentation) {
        return jdbc.query(SELECT_PLAN, rs -> rs.next() ? Optional.of(new Plan(split(rs.getString(1)), rs.getBoolean(2),
                rs.getString(3) == null ? null : split(rs.getString(3)))) : Optional.<Plan>empty(),
                monitor, fingerprint, segmentation);
    }

    /** Stores the plan of one segmentation, dropping the monitor's entries of other fingerprints. */
    public void storePlan(String monitor, String fingerprint, String segmentation, Plan plan) {
        jdbc.update(DELETE_OTHER_PLANS, monitor, fingerprint);
        jdbc.update(INSERT_PLAN, monitor, fingerprint, segmentation, join(plan.top()), plan.pooled(),
                plan.known() == null ? null : join(plan.known()));
    }

    /**
     * The cached profiles of one segmentation's segments when exactly {@code labels} are stored, each with every one of
     * {@code features}; empty otherwise (so a cache written under another plan is never half used).
     */
    public Optional<Map<String, WindowProfile.Segment>> findProfiles(String monitor, String fingerprint,
                                                                     String segmentation, List<String> labels,
                                                                     List<String> features) {
        Map<String, Map<String, FeatureProfile>> profiles = new LinkedHashMap<>();
        Map<String, Long> rows = new LinkedHashMap<>();
        jdbc.query(SELECT_PROFILES, rs -> {
            profiles.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                    .put(rs.getString(2), FeatureProfile.fromBytes(rs.getBytes(4)));
            rows.put(rs.getString(1), rs.getLong(3));
        }, monitor, fingerprint, segmentation);
        if (!profiles.keySet().equals(new java.util.HashSet<>(labels))) {
            return Optional.empty();
        }
        Map<String, WindowProfile.Segment> segments = new LinkedHashMap<>();
        for (String label : labels) {
            Map<String, FeatureProfile> stored = profiles.get(label);
            if (!stored.keySet().containsAll(features)) {
                return Optional.empty();
            }
            Map<String, FeatureProfile> ordered = new LinkedHashMap<>();
            features.forEach(f -> ordered.put(f, stored.get(f)));
            segments.put(label, new WindowProfile.Segment(rows.get(label), ordered));
        }
        return Optional.of(segments);
    }

    /** Replaces one segmentation's cached profiles, dropping the monitor's entries of other fingerprints. In a transaction. */
    public void storeProfiles(String monitor, String fingerprint, String segmentation,
                              Map<String, WindowProfile.Segment> segments) {
        jdbc.update(DELETE_OTHER_PROFILES, monitor, fingerprint);
        jdbc.update(DELETE_PROFILES, monitor, fingerprint, segmentation);
        List<Object[]> rows = new ArrayList<>();
        for (Map.Entry<String, WindowProfile.Segment> segment : segments.entrySet()) {
            for (Map.Entry<String, FeatureProfile> e : segment.getValue().features().entrySet()) {
                rows.add(new Object[] {monitor, fingerprint, segmentation, segment.getKey(), e.getKey(),
                        e.getValue().type().name().toLowerCase(Locale.ROOT), segment.getValue().rowsRead(),
                        e.getValue().toBytes()});
                if (rows.size() == BATCH) {
                    jdbc.batchUpdate(INSERT_PROFILE, rows);
                    rows.clear();
                }
            }
        }
        jdbc.batchUpdate(INSERT_PROFILE, rows);
    }

    /** Each value URL-encoded and ended by a comma, so that an empty value survives the round trip. */
    static String join(List<String> values) {
        StringBuilder text = new StringBuilder();
        values.forEach(v -> text.append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append(','));
        return text.toString();
    }

    static List<String> split(String text) {
        List<String> values = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return values;
        }
        String[] parts = text.split(",", -1);
        for (int i = 0; i < parts.length - 1; i++) {
            values.add(URLDecoder.decode(parts[i], StandardCharsets.UTF_8));
        }
        return values;
    }
}
