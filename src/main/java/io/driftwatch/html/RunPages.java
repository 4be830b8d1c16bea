package io.driftwatch.html;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.driftwatch.drift.DriftStatus;
import io.driftwatch.drift.Severity;
import io.driftwatch.drift.ThresholdKind;
import io.driftwatch.html.JdbcReportReader.Run;
import io.driftwatch.html.JdbcReportReader.Score;
import io.driftwatch.html.JdbcReportReader.TaskRow;
import io.driftwatch.html.RunPage.FeatureSection;
import io.driftwatch.html.RunPage.MethodLine;
import io.driftwatch.html.RunPage.MonitorSection;
import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.NumericProfile;
import io.driftwatch.report.DriftReportRow;
import io.driftwatch.report.JdbcDriftReportDao;
import io.driftwatch.window.JdbcWindowProfileDao;
import io.driftwatch.window.JdbcWindowProfileDao.Side;

/** Builds the {@link RunPage} of a run date from the database alone: report tables and the run's stored profiles. */
public class RunPages {

    private final JdbcReportReader reader;
    private final JdbcDriftReportDao reports;
    private final JdbcWindowProfileDao profiles;
    private final JsonMapper json;
    private final ZoneId zone;
    private final int historyRuns;
    private final Clock clock;

    public RunPages(JdbcReportReader reader, JdbcDriftReportDao reports, JdbcWindowProfileDao profiles, JsonMapper json,
                    ZoneId zone, int historyRuns, Clock clock) {
        if (historyRuns < 2) {
            throw new IllegalArgumentException("driftwatch.report.history-runs must be at least 2: " + historyRuns);
        }
        this.reader = reader;
        this.reports = reports;
        this.profiles = profiles;
        this.json = json;
        this.zone = zone;
        this.historyRuns = historyRuns;
        this.clock = clock;
    }

    /** The page of {@code runDate}: every monitor's run that date, or only {@code monitor}'s when it is not null. */
    public RunPage build(LocalDate runDate, String monitor, String historyHref) {
        List<TaskRow> tasks = reader.tasksBetween(runDate, runDate);
        List<MonitorSection> sections = new ArrayList<>();
        for (Run run : reader.runsOf(runDate)) {
            if (monitor == null || monitor.equals(run.monitor())) {
                TaskRow task = tasks.stream().filter(t -> t.monitor().equals(run.monitor())).findFirst().orElse(null);
                sections.add(section(run, task));
            }
        }
        return new RunPage(runDate, Format.instant(clock.instant(), zone), zone.getId(), sections, historyHref);
    }

    private MonitorSection section(Run run, TaskRow task) {
        Map<String, List<DriftReportRow>> byFeature = new LinkedHashMap<>();
        for (DriftReportRow row : reports.findByRun(run.id())) {
            byFeature.computeIfAbsent(row.feature(), f -> new ArrayList<>()).add(row);
        }
        Map<String, List<Score>> history = new LinkedHashMap<>();
        for (Score s : reader.lastScores(run.monitor(), run.runDate(), historyRuns)) {
            history.computeIfAbsent(s.feature() + '\u0000' + s.method(), k -> new ArrayList<>()).add(s);
        }
        String anchor = "m-" + slug(run.monitor());
        List<FeatureSection> features = new ArrayList<>();
        byFeature.forEach((feature, rows) -> features.add(feature(anchor, run.id(), feature, rows, history)));
        features.sort(Comparator.comparing((FeatureSection f) -> !f.drifted())
                .thenComparing(Comparator.comparingDouble(FeatureSection::pressure).reversed())
                .thenComparing(FeatureSection::name));
        boolean completed = "COMPLETED".equals(run.status());
        return new MonitorSection(anchor, run.monitor(), run.model(), run.status(),
                Format.instant(run.windowStart(), zone) + " – " + Format.instant(run.windowEnd(), zone),
                run.featuresEvaluated() == null ? "–" : Format.count((long) run.featuresEvaluated()),
                run.featuresDrifted() == null ? "–" : Format.count((long) run.featuresDrifted()),
                Format.percent(run.driftShare()),
                run.datasetDrift() == null ? "not decided" : run.datasetDrift() ? "yes" : "no",
                Boolean.TRUE.equals(run.datasetDrift()),
                run.retrainingDecision() == null ? (completed ? "–" : "not decided (run " + run.status() + ")")
                        : run.retrainingDecision().toLowerCase(Locale.ROOT).replace('_', ' '),
                run.retrainingReason(),
                task == null ? null : "#" + task.id() + " " + task.status(),
                performance(run), Format.count(run.baselineRows()), Format.count(run.currentRows()),
                run.baselineSource() == null ? "–" : run.baselineSource(), run.failureMessage(), features,
                SegmentViews.of(anchor, reports.findSegmentsByRun(run.id())));
    }

    private static String performance(Run run) {
        if (run.accuracy() == null && run.latencySeconds() == null) {
            return "missing";
        }
        return "accuracy " + (run.accuracy() == null ? "missing" : Format.percent(run.accuracy())) + ", latency "
                + (run.latencySeconds() == null ? "missing" : Format.seconds(run.latencySeconds()));
    }

    private FeatureSection feature(String monitorAnchor, long runId, String feature, List<DriftReportRow> rows,
                                   Map<String, List<Score>> history) {
        FeatureProfile baseline = profiles.find(runId, Side.BASELINE, feature).orElse(null);
        FeatureProfile current = profiles.find(runId, Side.CURRENT, feature).orElse(null);
        List<String> notes = new ArrayList<>();
        String chart = chart(feature, baseline, current, notes);
        boolean drifted = rows.stream().anyMatch(DriftReportRow::drifted);
        boolean warned = rows.stream().anyMatch(r -> r.severity() == Severity.WARN);
        double pressure = rows.stream().mapToDouble(RunPages::pressure).max().orElse(0);
        List<MethodLine> methods = new ArrayList<>();
        for (DriftReportRow r : rows) {
            methods.add(method(r, history.getOrDefault(feature + '\u0000' + r.method(), List.of())));
        }
        String whatChanged = rows.stream().filter(DriftReportRow::drifted).map(DriftReportRow::explanation)
                .filter(e -> e != null && !e.isBlank()).findFirst().orElse(null);
        DriftReportRow first = rows.get(0);
        var stats = first.stats();
        return new FeatureSection(monitorAnchor + "-f-" + slug(feature), feature, first.featureType().configName(), drifted,
                warned, pressure, chart, notes, Format.count(stats.baselineCount()), Format.count(stats.currentCount()),
                Format.count(stats.baselineMissing()), Format.count(stats.currentMissing()), nanInf(baseline),
                nanInf(current), Format.number(stats.baselineMean()), Format.number(stats.currentMean()), methods,
                whatChanged);
    }

    private static String chart(String feature, FeatureProfile baseline, FeatureProfile current, List<String> notes) {
        if (baseline instanceof NumericProfile b && current instanceof NumericProfile c) {
            ChartData.Histogram h = ChartData.histogram(b, c);
            if (h == null) {
                notes.add("no chart: a window has no finite value");
                return null;
            }
            if (h.foldedTail()) {
                notes.add("tails beyond the 1st–99th percentiles counted in the end bins");
            }
            if (!b.isExact() || !c.isExact()) {
                notes.add("sketch mode: bin shares are estimates within " + Format.percent(Math.max(b.rankErrorBound(),
                        c.rankErrorBound())) + " of the values");
            }
            return Svg.histogram(feature, h);
        }
        if (baseline instanceof CategoricalProfile b && current instanceof CategoricalProfile c) {
            if (b.count() == 0 || c.count() == 0) {
                notes.add("no chart: a window has no category");
                return null;
            }
            int unseen = ChartData.unseenCount(b, c);
            if (unseen > 0) {
                notes.add(unseen + " categor" + (unseen == 1 ? "y" : "ies") + " of the current window unseen in the baseline");
            }
            if (!b.isExact() || !c.isExact()) {
                notes.add("sketch mode: rare categories are pooled in hash buckets");
            }
            return Svg.categories(feature, ChartData.categories(b, c));
        }
        notes.add("no chart: the run's profiles of this feature are not stored");
        return null;
    }

    private MethodLine method(DriftReportRow r, List<Score> history) {
        var j = r.judgement();
        JsonNode details = details(r.detailsJson());
        String reason = text(details, "reason");
        String approximation = text(details, "approximation");
        String explanation = reason != null ? reason
                : j.thresholdKind().describe(r.method(), j.score(), j.pValue(), j.pValueAdjusted(), j.threshold());
        String verdict = r.drifted() ? "drifted" : r.status() != DriftStatus.OK ? Svg.lower(r.status())
                : r.severity() == Severity.WARN ? "warning" : "ok";
        List<Svg.Point> points = history.stream().map(s -> new Svg.Point(s.runDate().toString(), s.score(), s.drifted()))
                .toList();
        String spark = Svg.sparkline(r.feature() + " " + r.method(), points,
                j.thresholdKind() == ThresholdKind.SCORE_AT_LEAST ? j.threshold() : null);
        Double p = j.pValueAdjusted() != null ? j.pValueAdjusted() : j.pValue();
        return new MethodLine(r.method(), r.status().name(), Format.number(j.score()),
                (j.thresholdKind() == ThresholdKind.P_VALUE_BELOW ? "p < " : "≥ ") + Format.number(j.threshold()),
                Format.number(p), verdict, r.drifted(), explanation, r.convention(), approximation, spark);
    }

    /** How far past its threshold a row is: see {@link Pressure}. */
    static double pressure(DriftReportRow r) {
        var j = r.judgement();
        return Pressure.of(j.thresholdKind().configName(), j.score(), j.pValue(), j.pValueAdjusted(), j.threshold(),
                r.drifted());
    }

    private static String nanInf(FeatureProfile profile) {
        return profile instanceof NumericProfile n ? Format.count(n.nanCount()) + " / " + Format.count(n.infiniteCount())
                : null;
    }

    private JsonNode details(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        if (node == null || !node.has(field)) {
            return null;
        }
        JsonNode value = node.get(field);
        return value.isString() ? value.asString() : value.toString();
    }

    /** An anchor-safe form of a name: lower-case letters, digits and dashes, plus a hash when that changed it. */
    static String slug(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return slug.equals(name) ? slug : slug + "-" + Integer.toHexString(name.hashCode() & 0xfffff);
    }
}
