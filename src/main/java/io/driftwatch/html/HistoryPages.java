package io.driftwatch.html;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import io.driftwatch.html.HistoryPage.HeatCell;
import io.driftwatch.html.HistoryPage.HeatRow;
import io.driftwatch.html.HistoryPage.MonitorHistory;
import io.driftwatch.html.HistoryPage.RunLine;
import io.driftwatch.html.HistoryPage.TaskLine;
import io.driftwatch.html.JdbcReportReader.Run;
import io.driftwatch.html.JdbcReportReader.Score;
import io.driftwatch.html.JdbcReportReader.TaskRow;

/** Builds the {@link HistoryPage} of a date range from the report tables. */
public class HistoryPages {

    private final JdbcReportReader reader;
    private final ZoneId zone;
    private final Clock clock;

    public HistoryPages(JdbcReportReader reader, ZoneId zone, Clock clock) {
        this.reader = reader;
        this.zone = zone;
        this.clock = clock;
    }

    /** Every monitor's runs in [from, to] (only {@code monitor}'s when not null). */
    public HistoryPage build(LocalDate from, LocalDate to, String monitor) {
        Map<String, List<Run>> runsByMonitor = new LinkedHashMap<>();
        for (Run run : reader.runsBetween(from, to)) {
            if (monitor == null || monitor.equals(run.monitor())) {
                runsByMonitor.computeIfAbsent(run.monitor(), m -> new ArrayList<>()).add(run);
            }
        }
        List<TaskRow> tasks = reader.tasksBetween(from, to);
        List<MonitorHistory> monitors = new ArrayList<>();
        runsByMonitor.forEach((name, runs) -> monitors.add(monitor(name, runs, reader.scoresBetween(name, from, to),
                tasks.stream().filter(t -> t.monitor().equals(name)).toList())));
        return new HistoryPage(from, to, Format.instant(clock.instant(), zone), zone.getId(), monitors);
    }

    private MonitorHistory monitor(String name, List<Run> runs, List<Score> scores, List<TaskRow> tasks) {
        List<String> dates = runs.stream().map(r -> r.runDate().toString()).toList();
        Map<String, Map<String, List<Score>>> byFeature = new LinkedHashMap<>();
        for (String feature : new TreeSet<>(scores.stream().map(Score::feature).toList())) {
            byFeature.put(feature, new LinkedHashMap<>());
        }
        for (Score s : scores) {
            byFeature.get(s.feature()).computeIfAbsent(s.runDate().toString(), d -> new ArrayList<>()).add(s);
        }
        List<HeatRow> heat = new ArrayList<>();
        byFeature.forEach((feature, perDate) -> {
            List<HeatCell> cells = new ArrayList<>();
            for (String date : dates) {
                cells.add(cell(perDate.getOrDefault(date, List.of())));
            }
            heat.add(new HeatRow(feature, cells));
        });
        List<RunLine> lines = new ArrayList<>();
        for (Run r : runs) {
            String date = r.runDate().toString();
            String driftedFeatures = String.join(", ", byFeature.entrySet().stream()
                    .filter(e -> e.getValue().getOrDefault(date, List.of()).stream().anyMatch(Score::drifted))
                    .map(Map.Entry::getKey).toList());
            List<String> changes = byFeature.values().stream()
                    .map(perDate -> explanation(perDate.getOrDefault(date, List.of())))
                    .filter(e -> e != null).toList();
            lines.add(new RunLine(r.runDate().toString(), HtmlReports.runFileName(r.runDate()), r.status(),
                    r.featuresDrifted() == null ? "–" : r.featuresDrifted() + " of " + r.featuresEvaluated(),
                    driftedFeatures, r.retrainingDecision() == null ? "–"
                            : r.retrainingDecision().toLowerCase(Locale.ROOT).replace('_', ' '), changes));
        }
        String timeline = Svg.timeline(name, dates, runs.stream().map(Run::featuresDrifted).toList(),
                runs.stream().map(Run::featuresEvaluated).toList());
        List<TaskLine> taskLines = tasks.stream().map(t -> new TaskLine("#" + t.id(), t.runDate().toString(), t.status(),
                t.attempts() + " / " + t.maxAttempts(), Format.instant(t.createdAt(), zone), Format.instant(t.finishedAt(), zone),
                t.reason(), t.lastError())).toList();
        return new MonitorHistory("m-" + RunPages.slug(name), name, runs.get(0).model(), timeline, lines, dates, heat,
                taskLines);
    }

    /** What changed in a feature on one date: the explanation of its first drifted row, or null. */
    static String explanation(List<Score> scores) {
        return scores.stream().filter(Score::drifted).map(Score::explanation).filter(e -> e != null && !e.isBlank())
                .findFirst().orElse(null);
    }

    static HeatCell cell(List<Score> scores) {
        if (scores.isEmpty()) {
            return new HeatCell("–", 0, false, "no report");
        }
        double worst = 0;
        boolean drifted = false;
        StringBuilder title = new StringBuilder();
        for (Score s : scores) {
            double p = Pressure.of(s.thresholdKind(), s.score(), s.pValue(), s.pValueAdjusted(), s.threshold(), s.drifted());
            worst = Math.max(worst, p);
            drifted |= s.drifted();
            title.append(title.isEmpty() ? "" : "; ").append(s.method()).append(' ').append(Format.number(s.score()))
                    .append(s.drifted() ? " drifted" : "");
        }
        String changed = explanation(scores);
        if (changed != null) {
            title.append(" ─ ").append(changed);
        }
        int level = drifted ? (worst >= 3 ? 4 : 3) : worst >= 1 ? 2 : worst >= 0.5 ? 1 : 0;
        return new HeatCell(Pressure.text(worst) + (drifted ? " ▲" : ""), level, drifted, title.toString());
    }
}
