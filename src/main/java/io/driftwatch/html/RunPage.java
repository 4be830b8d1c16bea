package io.driftwatch.html;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Everything the page of one run date shows, formatted for people; SVG fields hold ready inline markup built by
 * {@link Svg} from escaped text.
 *
 * @param historyHref link to the history page beside this one, or null when there is none
 */
public record RunPage(LocalDate runDate, String generatedAt, String zone, List<MonitorSection> monitors,
                      String historyHref) {

    public RunPage {
        Objects.requireNonNull(runDate, "runDate");
        monitors = List.copyOf(monitors);
    }

    /** Features drifted over all monitors. */
    public int driftedFeatures() {
        return monitors.stream().mapToInt(m -> (int) m.features().stream().filter(FeatureSection::drifted).count()).sum();
    }

    /**
     * One monitor's run.
     *
     * @param task        the retraining task of the run, e.g. "#12 PENDING", or null
     * @param performance accuracy and latency, or "missing"
     * @param failure     why the run did not complete, or null
     * @param segments    the run's segments, or null for a monitor without segments
     */
    public record MonitorSection(String anchor, String monitor, String model, String status, String window,
                                 String featuresEvaluated, String featuresDrifted, String driftShare, String datasetDrift,
                                 boolean datasetDrifted, String retraining, String retrainingReason, String task,
                                 String performance, String baselineRows, String currentRows, String baselineSource,
                                 String failure, List<FeatureSection> features, SegmentView segments) {
        public MonitorSection {
            features = List.copyOf(features);
        }
    }

    /**
     * One feature of a monitor's run, with every method that judged it.
     *
     * @param chart    the distribution chart (SVG), or null when a window had no usable value
     * @param notes    what the reader should know about the chart (folded tails, sketch mode, unseen categories)
     * @param pressure    how far past its threshold the feature's most alarming method is (1 = on the threshold)
     * @param whatChanged what changed in the feature's units (the explanation of its first drifted row), or null
     */
    public record FeatureSection(String anchor, String name, String type, boolean drifted, boolean warned, double pressure,
                                 String chart, List<String> notes, String baselineCount, String currentCount,
                                 String baselineMissing, String currentMissing, String baselineNanInf,
                                 String currentNanInf, String baselineMean, String currentMean, List<MethodLine> methods,
                                 String whatChanged) {
        public FeatureSection {
            notes = List.copyOf(notes);
            methods = List.copyOf(methods);
        }

        /** The pressure as the page prints it: {@code 3.37×} or {@code ∞}. */
        public String pressureText() {
            return Pressure.text(pressure);
        }
    }

    /**
     * One drift_report row.
     *
     * @param verdict     "drifted", "warning", "ok", or the status when the method could not judge
     * @param explanation the row's reason, or the comparison that decided it
     * @param sketch      whether the row was computed on a sketch-mode profile (approximate), with its note
     * @param sparkline   SVG of the method's score over the last runs, or null with fewer than two runs
     */
    public record MethodLine(String method, String status, String score, String threshold, String pValue, String verdict,
                             boolean drifted, String explanation, String convention, String sketch, String sparkline) {
    }
}
