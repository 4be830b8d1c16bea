package io.driftwatch.source;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.driftwatch.config.Monitor;

/**
 * Fixes a run's {@link SegmentPlan}s before its windows are read: grouped counts of the segment column
 * that the engine holding the rows computes (so a column with a million distinct values costs the
 * database a hash table, never driftwatch more than {@code max + 1} rows): the values with the most
 * baseline rows, and the values of the current window that the baseline does not hold at all.
 * <p>
 * When the baseline and the current window live in one engine (both in the feature database, or both
 * files), one grouped statement over both windows gives both lists (each window is read once). When they do not (a Parquet
 * training snapshot against a table), the current window's {@value #CROSS_ENGINE_SCAN} most frequent
 * values are looked up in the baseline, a thousand at a time; rarer new values are pooled in
 * {@code (other)}.
 * <p>
 * While a baseline is cached ({@code window.CachedSegmentPlanner}), the baseline's part of the plan (its top values,
 * whether it pools more, every value it holds) is kept, and {@link #fromBaseline} reads only the current window's
 * segment column, giving the plan the statements over both windows give.
 */
public class JdbcSegmentPlanner {

    /** How many of the current window's most frequent values are looked up in a baseline of another engine. */
    static final int CROSS_ENGINE_SCAN = 100_000;
    private static final int LOOKUP_CHUNK = 1_000;
    /**
     * At most this many values of a baseline are kept with its cached plan, so that a night finds its new segments
     * from its current window alone; a baseline with more distinct values is planned with it every night.
     */
    public static final int KNOWN_LIMIT = 10_000;

    private final JdbcFeatureSource source;

    public JdbcSegmentPlanner(JdbcFeatureSource source) {
        this.source = source;
    }

    /** One plan per segmentation of the monitor (none when it has no segments), for the current window {@code [from, to)}. */
    public List<SegmentPlan> plan(Monitor monitor, Instant from, Instant to, ZoneId zone) {
        List<SegmentPlan> plans = new ArrayList<>();
        for (Monitor.Segmentation s : monitor.segments()) {
            plans.add(plan(monitor, s, from, to, zone));
        }
        return plans;
    }

    private SegmentPlan plan(Monitor monitor, Monitor.Segmentation s, Instant from, Instant to, ZoneId zone) {
        return planned(monitor, s, from, to, zone).plan();
    }

    /**
     * A plan and what of it a cached baseline can give the next nights: its top values, whether it pools more, and
     * every value the baseline holds ({@code null} when it holds more than {@value #KNOWN_LIMIT}).
     */
    public record Planned(SegmentPlan plan, List<String> known) {
    }

    /**
     * The plan of {@code s} for the current window {@code [from, to)}, as {@link #plan(Monitor, Instant, Instant,
     * ZoneId)} makes it, and every value the baseline holds when they are at most {@value #KNOWN_LIMIT} (from the
     * same statements: the baseline is read once).
     */
    public Planned planned(Monitor monitor, Monitor.Segmentation s, Instant from, Instant to, ZoneId zone) {
        Monitor.Baseline baseline = monitor.baseline();
        JdbcFeatureSource.Aliased b = source.aliased(baseline.relation(), "b");
        JdbcFeatureSource.Aliased c = source.aliased(monitor.source(), "c");
        Map.Entry<String, Object[]> bWhere = source.windowCondition(monitor, baseline.relation(), "b",
                baseline.isTimeRange() ? baseline.from() : null, baseline.to(), zone);
        Map.Entry<String, Object[]> cWhere = source.windowCondition(monitor, monitor.source(), "c", from, to, zone);
        String bColumn = "b." + s.column().quoted();
        String cColumn = "c." + s.column().quoted();

        Counted top;
        Counted fresh;
        List<String> known = new ArrayList<>();
        if (b.sameEngineAs(c)) {
            Counted[] both = countedTogether(b, c, bColumn, cColumn, bWhere, cWhere, s.max(), known);
            top = both[0];
            fresh = both[1];
        } else {
            List<String> ranked = new ArrayList<>();
            source.query(b, "SELECT " + bColumn + ", COUNT(*) FROM " + b.from() + " WHERE " + bColumn + " IS NOT NULL"
                    + bWhere.getKey() + " GROUP BY " + bColumn + " ORDER BY COUNT(*) DESC, " + bColumn
                    + b.limit(Math.max(s.max(), KNOWN_LIMIT) + 1L), bWhere.getValue(), rs -> ranked.add(rs.getString(1)));
            top = firstSegmentValues(ranked.subList(0, Math.min(ranked.size(), s.max() + 1)).toArray(String[]::new),
                    s.max());
            known.addAll(ranked);
            fresh = freshAcrossEngines(b, c, bColumn, cColumn, bWhere, cWhere, s.max());
        }
        return new Planned(new SegmentPlan(s, top.values(), fresh.values(), top.more(), fresh.more()),
                known.size() > KNOWN_LIMIT ? null : List.copyOf(known));
    }

    /**
     * The plan of {@code s} for the current window {@code [from, to)} from a cached baseline's {@code top} values,
     * {@code pooled} flag and {@code known} values (every value the baseline holds): reads the current window's
     * segment column only, and equals {@link #planned}'s plan for the same baseline.
     */
    public SegmentPlan fromBaseline(Monitor monitor, Monitor.Segmentation s, List<String> top, boolean pooled,
                                    java.util.Collection<String> known, Instant from, Instant to, ZoneId zone) {
        Set<String> inBaseline = new HashSet<>(known);
        JdbcFeatureSource.Aliased b = source.aliased(monitor.baseline().relation(), "b");
        JdbcFeatureSource.Aliased c = source.aliased(monitor.source(), "c");
        Map.Entry<String, Object[]> cWhere = source.windowCondition(monitor, monitor.source(), "c", from, to, zone);
        String cColumn = "c." + s.column().quoted();
        String grouped = "SELECT " + cColumn + ", COUNT(*) FROM " + c.from() + " WHERE " + cColumn + " IS NOT NULL"
                + cWhere.getKey() + " GROUP BY " + cColumn + " ORDER BY COUNT(*) DESC, " + cColumn;
        Counted fresh;
        if (b.sameEngineAs(c)) {
            // As the grouped statement over both windows ranks them: the first max + 1 values without baseline rows,
            // which are among the first max + 1 + |known| values of the current window.
            String[] ranked = new String[s.max() + 1];
            int[] n = {0};
            source.query(c, grouped + c.limit(s.max() + 1L + inBaseline.size()), cWhere.getValue(), rs -> {
                String value = rs.getString(1);
                if (n[0] < ranked.length && !inBaseline.contains(value)) {
                    ranked[n[0]++] = value;
                }
            });
            fresh = firstSegmentValues(ranked, s.max());
        } else {
            // As freshAcrossEngines finds them, the baseline's values known instead of looked up.
            List<String> frequent = new ArrayList<>();
            source.query(c, grouped + c.limit(CROSS_ENGINE_SCAN), cWhere.getValue(), rs -> frequent.add(rs.getString(1)));
            List<String> values = new ArrayList<>();
            boolean more = false;
            for (String value : frequent) {
                if (inBaseline.contains(value) || !segmentValue(value)) {
                    continue;
                }
                if (values.size() == s.max()) {
                    more = true;
                    break;
                }
                values.add(value);
            }
            fresh = new Counted(values, more || frequent.size() == CROSS_ENGINE_SCAN);
        }
        return new SegmentPlan(s, top, fresh.values(), pooled, fresh.more());
    }

    private Counted freshAcrossEngines(JdbcFeatureSource.Aliased b, JdbcFeatureSource.Aliased c, String bColumn,
                                       String cColumn, Map.Entry<String, Object[]> bWhere,
                                       Map.Entry<String, Object[]> cWhere, int max) {
        List<String> frequent = new ArrayList<>();
        source.query(c, "SELECT " + cColumn + ", COUNT(*) FROM " + c.from() + " WHERE " + cColumn + " IS NOT NULL"
                        + cWhere.getKey() + " GROUP BY " + cColumn + " ORDER BY COUNT(*) DESC, " + cColumn
                        + c.limit(CROSS_ENGINE_SCAN), cWhere.getValue(), rs -> frequent.add(rs.getString(1)));
        List<String> values = new ArrayList<>();
        boolean more = false;
        for (int start = 0; start < frequent.size() && !more; start += LOOKUP_CHUNK) {
            List<String> chunk = frequent.subList(start, Math.min(frequent.size(), start + LOOKUP_CHUNK));
            Set<String> known = new HashSet<>();
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            source.query(b, "SELECT DISTINCT " + bColumn + " FROM " + b.from() + " WHERE CAST(" + bColumn
                    + " AS VARCHAR(4000)) IN (" + marks + ")" + bWhere.getKey(), concat(chunk.toArray(), bWhere.getValue()),
                    rs -> known.add(rs.getString(1)));
            for (String value : chunk) {
                if (known.contains(value) || !segmentValue(value)) {
                    continue;
                }
                if (values.size() == max) {
                    more = true;
                    break;
                }
                values.add(value);
            }
        }
        return new Counted(values, more || frequent.size() == CROSS_ENGINE_SCAN);
    }

    private record Counted(List<String> values, boolean more) {
    }

    /**
     * The top values and the new values from one grouped statement over both windows (each window read once): a
     * value's baseline and current counts side by side; the top values rank by baseline count, the new ones (no
     * baseline rows) by current count, ties by value, as two grouped counts ordered that way would.
     */
    private Counted[] countedTogether(JdbcFeatureSource.Aliased b, JdbcFeatureSource.Aliased c, String bColumn,
                                      String cColumn, Map.Entry<String, Object[]> bWhere,
                                      Map.Entry<String, Object[]> cWhere, int max, List<String> known) {
        String sql = "SELECT v, bn, top_rank, fresh_rank FROM (SELECT v, bn,"
                + " ROW_NUMBER() OVER (ORDER BY bn DESC, v) AS top_rank,"
                + " ROW_NUMBER() OVER (PARTITION BY CASE WHEN bn = 0 THEN 0 ELSE 1 END ORDER BY cn DESC, v) AS fresh_rank"
                + " FROM (SELECT v, SUM(bn) AS bn, SUM(cn) AS cn FROM ("
                + "SELECT " + bColumn + " AS v, 1 AS bn, 0 AS cn FROM " + b.from() + " WHERE " + bColumn + " IS NOT NULL"
                + bWhere.getKey() + " UNION ALL SELECT " + cColumn + ", 0, 1 FROM " + c.from() + " WHERE " + cColumn
                + " IS NOT NULL" + cWhere.getKey() + ") u GROUP BY v) g) r"
                + " WHERE (bn > 0 AND top_rank <= ?) OR (bn = 0 AND fresh_rank <= ?)";
        String[] top = new String[max + 1];
        String[] fresh = new String[max + 1];
        // Every baseline value up to KNOWN_LIMIT + 1 of them (ranked as the top ones), for a cached plan.
        long baselineRanks = Math.max(max, KNOWN_LIMIT) + 1L;
        source.query(b, sql, concat(concat(bWhere.getValue(), cWhere.getValue()), new Object[]{baselineRanks, max + 1L}),
                rs -> {
                    if (rs.getLong(2) > 0) {
                        known.add(rs.getString(1));
                        if (rs.getLong(3) <= top.length) {
                            top[(int) rs.getLong(3) - 1] = rs.getString(1);
                        }
                    } else {
                        fresh[(int) rs.getLong(4) - 1] = rs.getString(1);
                    }
                });
        return new Counted[]{firstSegmentValues(top, max), firstSegmentValues(fresh, max)};
    }

    /**
     * The first {@code max} values of a grouped count already in order (null past the last), skipping values that
     * cannot be a segment of their own; {@code more} when any was skipped or there were more.
     */
    private static Counted firstSegmentValues(String[] ranked, int max) {
        List<String> values = new ArrayList<>();
        boolean more = false;
        for (String value : ranked) {
            if (value == null) {
                break;
            }
            if (values.size() == max || !segmentValue(value)) {
                more = true;
            } else {
                values.add(value);
            }
        }
        return new Counted(values, more);
    }

    private static boolean segmentValue(String value) {
        return value.length() <= Monitor.Segmentation.MAX_VALUE_LENGTH && !value.equals(Monitor.Segmentation.OTHER)
                && !value.equals(Monitor.Segmentation.MISSING);
    }

    private static Object[] concat(Object[] first, Object[] second) {
        Object[] all = new Object[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
