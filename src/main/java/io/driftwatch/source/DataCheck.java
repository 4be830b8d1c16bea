package io.driftwatch.source;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.driftwatch.config.ConfigurationProblem;
import io.driftwatch.config.Monitor;

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

    public DataCheck(JdbcSchemaInspector inspector, JdbcFeatureSource source, Clock clock) {
        this.inspector = inspector;
        this.source = source;
        this.clock = clock;
    }

    /** Every mismatch between the monitors and the database; empty when all can be read. */
    public List<ConfigurationProblem> schemaProblems(List<Monitor> monitors) {
        List<ConfigurationProblem> problems = new ArrayList<>();
        monitors.forEach(m -> problems.addAll(inspector.check(m)));
        return problems;
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
