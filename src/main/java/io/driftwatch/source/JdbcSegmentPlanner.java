package io.driftwatch.source;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.config.Monitor;

/**
 * Fixes a run's {@link SegmentPlan}s before its windows are read: two grouped counts of the segment
 * column that the database computes (so a column with a million distinct values costs the database
 * a hash table, never driftwatch more than {@code max + 1} rows): the values with the most baseline
 * rows, and the values of the current window that the baseline does not hold at all.
 */
public class JdbcSegmentPlanner {

    private static final String TOP = "SELECT %1$s, COUNT(*) FROM %2$s b WHERE %1$s IS NOT NULL%3$s"
            + " GROUP BY %1$s ORDER BY COUNT(*) DESC, %1$s FETCH FIRST %4$d ROWS ONLY";
    private static final String FRESH = "SELECT c.%1$s, COUNT(*) FROM %2$s c WHERE c.%1$s IS NOT NULL%3$s"
            + " AND NOT EXISTS (SELECT 1 FROM %4$s b WHERE b.%1$s = c.%1$s%5$s)"
            + " GROUP BY c.%1$s ORDER BY COUNT(*) DESC, c.%1$s FETCH FIRST %6$d ROWS ONLY";

    private final JdbcTemplate jdbc;
    private final JdbcFeatureSource source;

    public JdbcSegmentPlanner(DataSource dataSource, JdbcFeatureSource source) {
        this.jdbc = new JdbcTemplate(dataSource);
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
        String column = s.column().quoted();
        Monitor.Baseline baseline = monitor.baseline();
        List<Object> baselineArgs = new ArrayList<>();
        String baselineWhere = "";
        if (baseline.isTimeRange()) {
            ColumnInfo ts = source.timestampColumn(monitor, baseline.table());
            baselineWhere = " AND b." + monitor.timestampColumn().quoted() + " >= ? AND b." + monitor.timestampColumn().quoted()
                    + " < ?";
            baselineArgs.add(ts.bind(baseline.from(), zone));
            baselineArgs.add(ts.bind(baseline.to(), zone));
        }
        Counted top = counted(TOP.formatted(column, baseline.table().quoted(), baselineWhere, s.max() + 1),
                baselineArgs.toArray(), s.max());

        ColumnInfo ts = source.timestampColumn(monitor, monitor.sourceTable());
        List<Object> args = new ArrayList<>(List.of(ts.bind(from, zone), ts.bind(to, zone)));
        args.addAll(baselineArgs);
        String currentWhere = " AND c." + monitor.timestampColumn().quoted() + " >= ? AND c."
                + monitor.timestampColumn().quoted() + " < ?";
        Counted fresh = counted(FRESH.formatted(column, monitor.sourceTable().quoted(), currentWhere,
                baseline.table().quoted(), baselineWhere, s.max() + 1), args.toArray(), s.max());
        return new SegmentPlan(s, top.values(), fresh.values(), top.more(), fresh.more());
    }

    private record Counted(List<String> values, boolean more) {
    }

    /** The first {@code max} values of a grouped count, skipping values too long to be a segment of their own. */
    private Counted counted(String sql, Object[] args, int max) {
        List<String> values = new ArrayList<>();
        boolean[] more = {false};
        jdbc.query(sql, rs -> {
            String value = rs.getString(1);
            if (values.size() == max || value.length() > Monitor.Segmentation.MAX_VALUE_LENGTH
                    || value.equals(Monitor.Segmentation.OTHER) || value.equals(Monitor.Segmentation.MISSING)) {
                more[0] = true;
            } else {
                values.add(value);
            }
        }, args);
        return new Counted(values, more[0]);
    }
}
