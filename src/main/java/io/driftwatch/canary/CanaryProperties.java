package io.driftwatch.canary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.driftwatch.canary.analysis.CanaryThresholds;
import io.driftwatch.canary.analysis.InvalidThresholdsException;

/**
 * {@code driftwatch.canary.*}: where prediction logs are and the rules a candidate must pass. The
 * defaults are the reference rules: candidate accuracy ≥ 0.8 and at most 0.01 below the baseline's,
 * latency increase ≤ 0.05 s, error rate ≤ 1.2 × the baseline's, at least 50 samples per version.
 * Values are checked when canaryJob starts (see {@link #thresholdProblems()}), not at startup, so that other
 * commands never fail on canary settings.
 */
@ConfigurationProperties("driftwatch.canary")
public class CanaryProperties {

    private String table = "prediction_log";
    private String requestIdColumn = "request_id";
    private String modelColumn = "model";
    private String versionColumn = "model_version";
    private String timestampColumn = "logged_at";
    private String latencyColumn = "latency_seconds";
    private String errorColumn = "is_error";
    private String scoreColumn = "score";
    private String correctColumn = "correct";
    private double minAccuracy = CanaryThresholds.DEFAULTS.minAccuracy();
    private double maxAccuracyDrop = CanaryThresholds.DEFAULTS.maxAccuracyDrop();
    private double maxLatencyIncrease = CanaryThresholds.DEFAULTS.maxLatencyIncreaseSeconds();
    private double maxErrorRateRatio = CanaryThresholds.DEFAULTS.maxErrorRateRatio();
    private int minSamples = CanaryThresholds.DEFAULTS.minSamples();
    private double alpha = CanaryThresholds.DEFAULTS.alpha();
    private double maxP99Increase = CanaryThresholds.DEFAULTS.maxP99IncreaseSeconds();
    private double maxScorePsi = CanaryThresholds.DEFAULTS.maxScorePsi();
    private double minAgreement = CanaryThresholds.DEFAULTS.minAgreement();
    private double agreementTolerance = CanaryThresholds.DEFAULTS.agreementTolerance();
    /** Also write the verdict JSON to this file (for web-style analysis providers); stdout always gets it. */
    private String output;

    /** The configuration key of each threshold, by its name in {@link CanaryThresholds}. */
    private static final Map<String, String> THRESHOLD_KEYS = Map.of("minAccuracy", "min-accuracy",
            "maxAccuracyDrop", "max-accuracy-drop", "maxLatencyIncreaseSeconds", "max-latency-increase",
            "maxErrorRateRatio", "max-error-rate-ratio", "minSamples", "min-samples", "alpha", "alpha",
            "maxP99IncreaseSeconds", "max-p99-increase", "maxScorePsi", "max-score-psi", "minAgreement",
            "min-agreement", "agreementTolerance", "agreement-tolerance");

    /**
     * The thresholds as the analysis takes them.
     *
     * @throws InvalidThresholdsException when a value is out of range; {@link #thresholdProblems()} names the keys
     */
    public CanaryThresholds thresholds() {
        return new CanaryThresholds(minAccuracy, maxAccuracyDrop, maxLatencyIncrease, maxErrorRateRatio, minSamples,
                alpha, maxP99Increase, maxScorePsi, minAgreement, agreementTolerance);
    }

    /** Every threshold out of range, each naming its {@code driftwatch.canary.*} key; empty when all can be used. */
    public List<CanaryProblem> thresholdProblems() {
        List<CanaryProblem> problems = new ArrayList<>();
        try {
            thresholds();
        } catch (InvalidThresholdsException e) {
            for (InvalidThresholdsException.Violation v : e.violations()) {
                problems.add(new CanaryProblem("driftwatch.canary." + THRESHOLD_KEYS.get(v.threshold()), v.value(),
                        "must be " + v.rule(), "set a value " + v.rule() + " (see README, Canary and shadow analysis)"));
            }
        }
        return problems;
    }

    public String getTable() { return table; }
    public void setTable(String table) { this.table = table; }
    public String getRequestIdColumn() { return requestIdColumn; }
    public void setRequestIdColumn(String requestIdColumn) { this.requestIdColumn = requestIdColumn; }
    public String getModelColumn() { return modelColumn; }
    public void setModelColumn(String modelColumn) { this.modelColumn = modelColumn; }
    public String getVersionColumn() { return versionColumn; }
    public void setVersionColumn(String versionColumn) { this.versionColumn = versionColumn; }
    public String getTimestampColumn() { return timestampColumn; }
    public void setTimestampColumn(String timestampColumn) { this.timestampColumn = timestampColumn; }
    public String getLatencyColumn() { return latencyColumn; }
    public void setLatencyColumn(String latencyColumn) { this.latencyColumn = latencyColumn; }
    public String getErrorColumn() { return errorColumn; }
    public void setErrorColumn(String errorColumn) { this.errorColumn = errorColumn; }
    public String getScoreColumn() { return scoreColumn; }
    public void setScoreColumn(String scoreColumn) { this.scoreColumn = scoreColumn; }
    public String getCorrectColumn() { return correctColumn; }
    public void setCorrectColumn(String correctColumn) { this.correctColumn = correctColumn; }
    public double getMinAccuracy() { return minAccuracy; }
    public void setMinAccuracy(double minAccuracy) { this.minAccuracy = minAccuracy; }
    public double getMaxAccuracyDrop() { return maxAccuracyDrop; }
    public void setMaxAccuracyDrop(double maxAccuracyDrop) { this.maxAccuracyDrop = maxAccuracyDrop; }
    public double getMaxLatencyIncrease() { return maxLatencyIncrease; }
    public void setMaxLatencyIncrease(double maxLatencyIncrease) { this.maxLatencyIncrease = maxLatencyIncrease; }
    public double getMaxErrorRateRatio() { return maxErrorRateRatio; }
    public void setMaxErrorRateRatio(double maxErrorRateRatio) { this.maxErrorRateRatio = maxErrorRateRatio; }
    public int getMinSamples() { return minSamples; }
    public void setMinSamples(int minSamples) { this.minSamples = minSamples; }
    public double getAlpha() { return alpha; }
    public void setAlpha(double alpha) { this.alpha = alpha; }
    public double getMaxP99Increase() { return maxP99Increase; }
    public void setMaxP99Increase(double maxP99Increase) { this.maxP99Increase = maxP99Increase; }
    public double getMaxScorePsi() { return maxScorePsi; }
    public void setMaxScorePsi(double maxScorePsi) { this.maxScorePsi = maxScorePsi; }
    public double getMinAgreement() { return minAgreement; }
    public void setMinAgreement(double minAgreement) { this.minAgreement = minAgreement; }
    public double getAgreementTolerance() { return agreementTolerance; }
    public void setAgreementTolerance(double agreementTolerance) { this.agreementTolerance = agreementTolerance; }
    public String getOutput() { return output; }
    public void setOutput(String output) { this.output = output; }
}
