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
 */
public class JdbcSegmentPlanner {

    /** How many of the current window's most frequent values are looked up in a baseline of another engine. */
    static final int CROSS_ENGINE_SCAN = 100_000;
    private static final int LOOKUP_CHUNK = 1_000;

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
        if (b.sameEngineAs(c)) {
            Counted[] both = countedTogether(b, c, bColumn, cColumn, bWhere, cWhere, s.max());
            top = both[0];
            fresh = both[1];
        } else {
            top = counted(b, "SELECT " + bColumn + ", COUNT(*) FROM " + b.from() + " WHERE " + bColumn + " IS NOT NULL"
                    + bWhere.getKey() + " GROUP BY " + bColumn + " ORDER BY COUNT(*) DESC, " + bColumn
                    + b.limit(s.max() + 1L), bWhere.getValue(), s.max());
            fresh = freshAcrossEngines(b, c, bColumn, cColumn, bWhere, cWhere, s.max());
        }
        return new SegmentPlan(s, top.values(), fresh.values(), top.more(), fresh.more());
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
                                      Map.Entry<String, Object[]> cWhere, int max) {
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
        source.query(b, sql, concat(concat(bWhere.getValue(), cWhere.getValue()), new Object[]{max + 1L, max + 1L}),
                rs -> {
                    if (rs.getLong(2) > 0) {
                        top[(int) rs.getLong(3) - 1] = rs.getString(1);
                    } else {
                        fresh[(int) rs.getLong(4) - 1] = rs.getString(1);
                    }
                });
        return new Counted[]{firstSegmentValues(top, max), firstSegmentValues(fresh, max)};
    }

    /** As {@link #counted}, over values already in order (null past the last). */
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

    /** The first {@code max} values of a grouped count, skipping values that cannot be a segment of their own. */
    private Counted counted(JdbcFeatureSource.Aliased rows, String sql, Object[] args, int max) {
        List<String> values = new ArrayList<>();
        boolean[] more = {false};
        source.query(rows, sql, args, rs -> {
            String value = rs.getString(1);
            if (values.size() == max || !segmentValue(value)) {
                more[0] = true;
            } else {
                values.add(value);
            }
        });
        return new Counted(values, more[0]);
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
