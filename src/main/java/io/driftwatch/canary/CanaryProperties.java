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

    /** Table of prediction logs, one row per request and model version (optionally schema.table). */
    private String table = "prediction_log";
    /** Column identifying a request; shadow analysis pairs the versions' rows by it. */
    private String requestIdColumn = "request_id";
    /** Column naming the model. */
    private String modelColumn = "model";
    /** Column naming the model version (baselineVersion, candidateVersion). */
    private String versionColumn = "model_version";
    /** Timestamp column of a log row; the analysis window is [end - window, end). */
    private String timestampColumn = "logged_at";
    /** Column of the request latency in seconds. */
    private String latencyColumn = "latency_seconds";
    /** Boolean column: the request failed. */
    private String errorColumn = "is_error";
    /** Column of the model's score. */
    private String scoreColumn = "score";
    /** Boolean column: the prediction was correct (NULL while unlabeled). */
    private String correctColumn = "correct";
    /** Lowest acceptable candidate accuracy (correct / labeled), in [0, 1]. Default 0.8. */
    private double minAccuracy = CanaryThresholds.DEFAULTS.minAccuracy();
    /** Largest acceptable accuracy drop below the baseline's (non-inferiority margin), in [0, 1]. Default 0.01. */
    private double maxAccuracyDrop = CanaryThresholds.DEFAULTS.maxAccuracyDrop();
    /** Largest acceptable increase of typical latency, seconds. Default 0.05. */
    private double maxLatencyIncrease = CanaryThresholds.DEFAULTS.maxLatencyIncreaseSeconds();
    /** Largest acceptable candidate error rate as a multiple of the baseline's. Default 1.2. */
    private double maxErrorRateRatio = CanaryThresholds.DEFAULTS.maxErrorRateRatio();
    /** Fewest observations per version below which a metric has no data (INCONCLUSIVE). Default 50. */
    private int minSamples = CanaryThresholds.DEFAULTS.minSamples();
    /** Significance level of every test, in (0, 1). Default 0.05. */
    private double alpha = CanaryThresholds.DEFAULTS.alpha();
    /** Largest acceptable increase of the 99th latency percentile, seconds. Default 0.1. */
    private double maxP99Increase = CanaryThresholds.DEFAULTS.maxP99IncreaseSeconds();
    /** Population stability index between score distributions at or above which the candidate fails. Default 0.2. */
    private double maxScorePsi = CanaryThresholds.DEFAULTS.maxScorePsi();
    /** Shadow: smallest acceptable share of agreeing pairs, in [0, 1]. Default 0.95. */
    private double minAgreement = CanaryThresholds.DEFAULTS.minAgreement();
    /** Shadow: largest |candidate score - production score| that counts as agreeing. Default 0.05. */
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
