package io.driftwatch.source;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.driftwatch.config.BucketSettings;
import io.driftwatch.config.ConfigurationProblem;
import io.driftwatch.config.Monitor;
import io.driftwatch.config.Relation;

/**
 * What driftJob checks before it writes anything for a run date: the monitors against the database
 * (tables, columns, types), and that there is something to judge: the date's window has ended, and
 * the baseline and the current window each hold rows. A date that fails either check leaves no trace,
 * so the same date runs once the configuration or the data is corrected.
 */
public class DataCheck {

    private final JdbcSchemaInspector inspector;
    private final JdbcFeatureSource source;
    private final Clock clock;
    private final BucketSettings buckets;

    public DataCheck(JdbcSchemaInspector inspector, JdbcFeatureSource source, Clock clock) {
        this(inspector, source, clock, null);
    }

    /** @param buckets the monitors' {@code source.version-column}s, checked against their tables too (null: none) */
    public DataCheck(JdbcSchemaInspector inspector, JdbcFeatureSource source, Clock clock, BucketSettings buckets) {
        this.inspector = inspector;
        this.source = source;
        this.clock = clock;
        this.buckets = buckets;
    }

    /** Every mismatch between the monitors and the database; empty when all can be read. */
    public List<ConfigurationProblem> schemaProblems(List<Monitor> monitors) {
        List<ConfigurationProblem> problems = new ArrayList<>();
        for (Monitor m : monitors) {
            List<ConfigurationProblem> found = inspector.check(m);
            problems.addAll(found);
            if (found.isEmpty() && buckets != null) {
                buckets.versionColumn(m.name()).ifPresent(version -> versionColumnProblem(m, version.name())
                        .ifPresent(problems::add));
            }
        }
        return problems;
    }

    private java.util.Optional<ConfigurationProblem> versionColumnProblem(Monitor m, String version) {
        if (!(m.source() instanceof Relation.Table)) {
            return java.util.Optional.of(new ConfigurationProblem(m.name(), "source.version-column", version,
                    "a version column applies to a table source (only a table's window is kept in buckets)",
                    "remove source.version-column, or monitor the table itself"));
        }
        java.util.Map<String, ColumnInfo> columns = source.columns(m.source());
        if (columns == null || columns.containsKey(version)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new ConfigurationProblem(m.name(), "source.version-column", version,
                m.source().label() + " has no column " + version, "name a column of " + m.source().label()
                + " that changes whenever a row is written (a version or updated_at), or remove source.version-column"));
    }

    /** Why the date cannot be judged yet, one sentence per reason; empty when every monitor has rows on both sides. */
    public List<String> missingData(List<Monitor> monitors, LocalDate runDate, ZoneId zone) {
        List<String> missing = new ArrayList<>();
        Instant now = clock.instant();
        Instant end = runDate.atStartOfDay(zone).toInstant();
        if (end.isAfter(now)) {
            missing.add("runDate " + runDate + " lies in the future: its window ends at " + end + " (runDate 00:00 in"
                    + " driftwatch.zone " + zone + "), after now (" + now + "). Run it once its window has ended,"
                    + " or omit runDate to run today's date");
            return missing;
        }
        for (Monitor m : monitors) {
            Monitor.Baseline baseline = m.baseline();
            if (!source.hasRows(m, baseline.relation(), baseline.from(), baseline.to(), zone)) {
                missing.add("monitor '" + m.name() + "': the baseline (" + baseline.relation().label()
                        + (baseline.from() == null ? ", all of it" : " from " + baseline.from() + " to " + baseline.to())
                        + ") holds no rows. Correct the monitor's baseline (from, to, " + baseline.relation().key()
                        + ") or load the baseline's rows");
            }
            Instant from = m.windowStart(runDate, zone);
            Instant to = m.windowEnd(runDate, zone);
            if (!source.hasRows(m, m.source(), from, to, zone)) {
                missing.add("monitor '" + m.name() + "': the current window [" + from + ", " + to + ") of "
                        + m.source().label() + " holds no rows (by " + m.timestampColumn() + "). Load the window's rows,"
                        + " or check runDate, the monitor's window and driftwatch.zone");
            }
        }
        return missing;
    }
}
