package io.driftwatch.canary.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.driftwatch.drift.DriftMethods;
import io.driftwatch.drift.DriftResult;
import io.driftwatch.drift.DriftStatus;
import io.driftwatch.profile.NumericProfile;

/**
 * Canary and shadow verdicts: the product's contract. Plain Java, stateless, thread-safe.
 *
 * <h2>Canary metrics ({@link #analyse}); "baseline" is the version in production, "candidate" the new one</h2>
 * <ul>
 *   <li>{@code accuracy} = correct / labeled. NO_DATA if either version has fewer than {@code minSamples} labeled
 *       rows. FAIL if the candidate accuracy is below {@code minAccuracy} (reference rule) <em>or</em> it is more
 *       than {@code maxAccuracyDrop} below the baseline's (the practical non-inferiority margin) <em>and</em> a
 *       one-sided two-proportion z-test finds it significantly below (p &lt; alpha): on large samples a tiny
 *       significant drop passes, on small samples a large drop that chance explains passes. Effect size: accuracy
 *       difference with a Wald interval.</li>
 *   <li>{@code error_rate} = errors / requests. NO_DATA if either version has fewer than {@code minSamples} requests.
 *       FAIL only if the reference rule is crossed (candidate rate &gt; {@code maxErrorRateRatio} × baseline rate)
 *       <em>and</em> a one-sided two-proportion z-test finds the candidate rate significantly higher (p &lt; alpha);
 *       a crossing that chance explains (e.g. 0 vs 1 error) passes with the reason saying so; no errors on either
 *       side pass. Effect size: the rate ratio with a Katz log interval (the plain ratio when the candidate has
 *       none; absent when the baseline has none).</li>
 *   <li>{@code latency}: the increase is the <em>Hodges–Lehmann shift</em> (median of all candidate − baseline
 *       pairwise latency differences; for a pure shift the change of the median), with its distribution-free
 *       1 − alpha interval and the two-sided Mann–Whitney p-value. NO_DATA if either version has fewer than
 *       {@code minSamples} latencies. FAIL if the shift exceeds {@code maxLatencyIncreaseSeconds} (reference rule)
 *       <em>and</em> the interval lies above 0 (the increase is not noise). Baseline/candidate values are medians.</li>
 *   <li>{@code latency_p99}: tail check so that a variance-only regression with an unchanged median is caught. FAIL if
 *       candidate p99 − baseline p99 exceeds {@code maxP99IncreaseSeconds} and the lower bound of a seeded
 *       bootstrap 1 − alpha interval of that difference is above 0. Same NO_DATA rule as latency.</li>
 *   <li>{@code score_distribution}: population stability index of the candidate's scores against the baseline's
 *       (drift method {@code "psi"}); FAIL if PSI ≥ {@code maxScorePsi}. The two-sample Kolmogorov–Smirnov p-value
 *       (drift method {@code "ks"}) is reported, informational only. NO_DATA if either version has fewer than
 *       {@code minSamples} scores.</li>
 * </ul>
 *
 * <h2>Verdict</h2>
 * Any FAIL → {@link Verdict#ROLLBACK} (the reason lists the failing metrics); otherwise any NO_DATA among
 * {@code accuracy}, {@code error_rate}, {@code latency} → {@link Verdict#INCONCLUSIVE} (missing data never rolls
 * back); otherwise {@link Verdict#PROMOTE}. NO_DATA on {@code latency_p99} or {@code score_distribution} alone does
 * not block a promotion.
 *
 * <h2>Shadow metrics ({@link #analyseShadow})</h2>
 * See {@link ShadowAnalysis}: {@code agreement}, {@code score_difference}, {@code latency} on pairs joined by
 * request id, and {@code error_rate} over every request production served, where a candidate error or a missing
 * candidate response counts against the candidate; a metric with fewer than {@code minSamples} pairs is NO_DATA.
 */
public final class CanaryAnalysis {

    /** Metrics whose NO_DATA makes a canary INCONCLUSIVE. */
    static final Set<String> REQUIRED = Set.of("accuracy", "error_rate", "latency");

    private CanaryAnalysis() {
    }

    /**
     * Compares a candidate version with the baseline.
     *
     * @throws IllegalArgumentException if an argument is null
     */
    public static CanaryResult analyse(VersionSample baseline, VersionSample candidate, CanaryThresholds t) {
        if (baseline == null || candidate == null || t == null) {
            throw new IllegalArgumentException("baseline, candidate and thresholds must not be null");
        }
        List<MetricResult> metrics = new ArrayList<>();
        metrics.add(accuracy(baseline, candidate, t));
        metrics.add(errorRate(baseline.errors(), baseline.requests(), candidate.errors(), candidate.requests(), t));
        double[] bl = baseline.latencies();
        double[] cl = candidate.latencies();
        metrics.add(latency(bl, cl, t));
        metrics.add(latencyP99(bl, cl, t));
        metrics.add(scoreDistribution(baseline.scores(), candidate.scores(), t));
        return verdict(metrics, REQUIRED);
    }

    /**
     * Compares a shadow candidate with production on the same requests; see {@link ShadowAnalysis}.
     *
     * @throws IllegalArgumentException if an argument is null or a pair is null
     */
    public static CanaryResult analyseShadow(List<ShadowPair> pairs, CanaryThresholds t) {
        return ShadowAnalysis.analyse(pairs, t);
    }

    /**
     * Compares versions from pre-aggregated metrics (counts, mean and p99 latency); see
     * {@link AggregateAnalysis}: the proportion tests as from logs, latency as plain thresholds.
     */
    public static CanaryResult analyseAggregates(VersionAggregate baseline, VersionAggregate candidate, CanaryThresholds t) {
        if (baseline == null || candidate == null || t == null) {
            throw new IllegalArgumentException("baseline, candidate and thresholds must not be null");
        }
        return AggregateAnalysis.analyse(baseline, candidate, t);
    }

    static MetricResult accuracy(VersionSample b, VersionSample c, CanaryThresholds t) {
        String rule = "candidate accuracy >= " + t.minAccuracy() + ", and not more than " + t.maxAccuracyDrop()
                + " below baseline with significance (one-sided two-proportion z-test, alpha " + t.alpha() + ")";
        if (b.labeled() < t.minSamples() || c.labeled() < t.minSamples()) {
            return MetricResult.noData("accuracy", rule, "labeled rows baseline=" + b.labeled() + ", candidate="
                    + c.labeled() + ", below minSamples " + t.minSamples());
        }
        double pb = (double) b.correct() / b.labeled();
        double pc = (double) c.correct() / c.labeled();
        CanaryStatistics.ProportionTest test = CanaryStatistics.twoProportion(b.correct(), b.labeled(), c.correct(),
                c.labeled());
        CanaryStatistics.Interval ci = CanaryStatistics.proportionDifference(b.correct(), b.labeled(), c.correct(),
                c.labeled(), t.alpha());
        Double p = test.pLess();
        boolean belowMin = pc < t.minAccuracy();
        boolean beyondMargin = pb - pc > t.maxAccuracyDrop();
        boolean significant = p != null && p < t.alpha();
        boolean fail = belowMin || beyondMargin && significant;
        String drop = "candidate accuracy " + fmt(pc) + " vs baseline " + fmt(pb) + " (drop " + fmt(pb - pc) + ", one-sided p="
                + fmt(p) + ")";
        String reason;
        if (belowMin) {
            reason = "candidate accuracy " + fmt(pc) + " < minAccuracy " + t.minAccuracy()
                    + (beyondMargin && significant ? "; " + drop + " significantly below baseline" : "");
        } else if (fail) {
            reason = drop + " significantly below baseline and more than maxAccuracyDrop " + t.maxAccuracyDrop();
        } else if (significant && pb > pc) {
            reason = drop + " significant but within maxAccuracyDrop " + t.maxAccuracyDrop() + ": passes";
        } else if (beyondMargin) {
            reason = drop + " more than maxAccuracyDrop " + t.maxAccuracyDrop()
                    + " but not significant (p >= alpha " + t.alpha() + "): passes as noise";
        } else {
            reason = drop + ": within the rule";
        }
        return new MetricResult("accuracy", fail ? Classification.FAIL : Classification.PASS, pb, pc, ci.estimate(),
                ci.low(), ci.high(), p, rule, reason);
    }

    static MetricResult errorRate(long baseErrors, long baseRequests, long candErrors, long candRequests,
                                  CanaryThresholds t) {
        String rule = "candidate error rate <= " + t.maxErrorRateRatio()
                + " x baseline error rate, FAIL only if crossed and significantly higher (one-sided two-proportion "
                + "z-test, alpha " + t.alpha() + ")";
        if (baseRequests < t.minSamples() || candRequests < t.minSamples()) {
            return MetricResult.noData("error_rate", rule, "requests baseline=" + baseRequests + ", candidate="
                    + candRequests + ", below minSamples " + t.minSamples());
        }
        double rb = (double) baseErrors / baseRequests;
        double rc = (double) candErrors / candRequests;
        CanaryStatistics.ProportionTest test = CanaryStatistics.twoProportion(baseErrors, baseRequests, candErrors,
                candRequests);
        CanaryStatistics.Interval ratio = CanaryStatistics.rateRatio(baseErrors, baseRequests, candErrors,
                candRequests, t.alpha());
        Double p = test.pGreater();
        boolean crossed = rc > t.maxErrorRateRatio() * rb;
        boolean significant = p != null && p < t.alpha();
        boolean fail = crossed && significant;
        String compared = "candidate error rate " + fmt(rc) + " vs " + t.maxErrorRateRatio() + " x baseline "
                + fmt(rb) + " = " + fmt(t.maxErrorRateRatio() * rb);
        String reason;
        if (baseErrors == 0 && candErrors == 0) {
            reason = "no errors in either version";
        } else if (fail) {
            reason = compared + " exceeded, significantly higher (p=" + fmt(p) + " < alpha " + t.alpha() + ")";
        } else if (crossed) {
            reason = compared + " exceeded but not significantly higher (p=" + fmt(p) + " >= alpha " + t.alpha()
                    + "): passes as noise";
        } else {
            reason = compared + " within the rule (p=" + fmt(p) + ")";
        }
        // Without baseline errors the ratio is undefined (not a number to report); with them but none from the
        // candidate it is 0 without a Katz interval.
        Double effect = null;
        if (ratio != null) {
            effect = ratio.estimate();
        } else if (baseErrors > 0) {
            effect = rc / rb;
        }
        return new MetricResult("error_rate", fail ? Classification.FAIL : Classification.PASS, rb, rc, effect,
                ratio == null ? null : ratio.low(), ratio == null ? null : ratio.high(), p, rule, reason);
    }

    static MetricResult latency(double[] b, double[] c, CanaryThresholds t) {
        String rule = "Hodges-Lehmann latency shift <= " + t.maxLatencyIncreaseSeconds()
                + " s, FAIL only if exceeded and its " + confidence(t) + " interval is above 0";
        if (b.length < t.minSamples() || c.length < t.minSamples()) {
            return MetricResult.noData("latency", rule, "latencies baseline=" + b.length + ", candidate=" + c.length
                    + ", below minSamples " + t.minSamples());
        }
        CanaryStatistics.Interval shift = CanaryStatistics.hodgesLehmann(b, c, t.alpha());
        double p = CanaryStatistics.mannWhitneyPValue(b, c);
        double mb = CanaryStatistics.quantile(b, 0.5);
        double mc = CanaryStatistics.quantile(c, 0.5);
        boolean exceeded = shift.estimate() > t.maxLatencyIncreaseSeconds();
        boolean real = shift.low() > 0;
        boolean fail = exceeded && real;
        String stats = "latency shift " + fmt(shift.estimate()) + " s [" + fmt(shift.low()) + ", " + fmt(shift.high())
                + "], Mann-Whitney p=" + fmt(p) + ", medians " + fmt(mb) + " -> " + fmt(mc) + " s";
        String reason = fail ? stats + ": exceeds " + t.maxLatencyIncreaseSeconds() + " s"
                : exceeded ? stats + ": exceeds " + t.maxLatencyIncreaseSeconds() + " s but interval includes 0 (noise)"
                : stats + ": within " + t.maxLatencyIncreaseSeconds() + " s";
        return new MetricResult("latency", fail ? Classification.FAIL : Classification.PASS, mb, mc, shift.estimate(),
                shift.low(), shift.high(), p, rule, reason);
    }

    static MetricResult latencyP99(double[] b, double[] c, CanaryThresholds t) {
        String rule = "candidate p99 - baseline p99 <= " + t.maxP99IncreaseSeconds()
                + " s, FAIL only if exceeded and the bootstrap " + confidence(t) + " interval is above 0";
        if (b.length < t.minSamples() || c.length < t.minSamples()) {
            return MetricResult.noData("latency_p99", rule, "latencies baseline=" + b.length + ", candidate="
                    + c.length + ", below minSamples " + t.minSamples());
        }
        CanaryStatistics.Interval diff = CanaryStatistics.quantileDifference(b, c, 0.99, t.alpha());
        double pb = CanaryStatistics.quantile(b, 0.99);
        double pc = CanaryStatistics.quantile(c, 0.99);
        boolean exceeded = diff.estimate() > t.maxP99IncreaseSeconds();
        boolean fail = exceeded && diff.low() > 0;
        String stats = "p99 " + fmt(pb) + " -> " + fmt(pc) + " s, increase " + fmt(diff.estimate()) + " s ["
                + fmt(diff.low()) + ", " + fmt(diff.high()) + "]";
        String reason = fail ? stats + ": exceeds " + t.maxP99IncreaseSeconds() + " s"
                : exceeded ? stats + ": exceeds " + t.maxP99IncreaseSeconds() + " s but interval includes 0 (noise)"
                : stats + ": within " + t.maxP99IncreaseSeconds() + " s";
        return new MetricResult("latency_p99", fail ? Classification.FAIL : Classification.PASS, pb, pc,
                diff.estimate(), diff.low(), diff.high(), null, rule, reason);
    }

    static MetricResult scoreDistribution(double[] b, double[] c, CanaryThresholds t) {
        String rule = "PSI of candidate scores vs baseline < " + t.maxScorePsi() + " (KS p-value informational)";
        if (b.length < t.minSamples() || c.length < t.minSamples()) {
            return MetricResult.noData("score_distribution", rule, "scores baseline=" + b.length + ", candidate="
                    + c.length + ", below minSamples " + t.minSamples());
        }
        NumericProfile pb = profile(b);
        NumericProfile pc = profile(c);
        DriftMethods methods = DriftMethods.standard();
        DriftResult psi = methods.require("psi").compute(pb, pc, t.maxScorePsi());
        DriftResult ks = methods.require("ks").compute(pb, pc, t.alpha());
        if (psi.status() != DriftStatus.OK) {
            return MetricResult.noData("score_distribution", rule, "PSI " + psi.status() + ": "
                    + psi.details().getOrDefault(DriftResult.REASON, "no score"));
        }
        double score = psi.score();
        boolean fail = score >= t.maxScorePsi();
        Double ksP = ks.status() == DriftStatus.OK ? ks.pValue() : null;
        String reason = "PSI " + fmt(score) + (fail ? " >= " : " < ") + t.maxScorePsi() + ", KS p=" + fmt(ksP)
                + ", mean score " + fmt(pb.mean()) + " -> " + fmt(pc.mean());
        return new MetricResult("score_distribution", fail ? Classification.FAIL : Classification.PASS, pb.mean(),
                pc.mean(), score, null, null, ksP, rule, reason);
    }

    /** Any FAIL → ROLLBACK; else NO_DATA on a required metric → INCONCLUSIVE; else PROMOTE. */
    static CanaryResult verdict(List<MetricResult> metrics, Set<String> required) {
        List<String> failed = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (MetricResult m : metrics) {
            if (m.classification() == Classification.FAIL) {
                failed.add(m.metric() + " (" + m.reason() + ")");
            } else if (m.classification() == Classification.NO_DATA && required.contains(m.metric())) {
                missing.add(m.metric());
            }
        }
        if (!failed.isEmpty()) {
            return new CanaryResult(Verdict.ROLLBACK, "failed: " + String.join("; ", failed), metrics);
        }
        if (!missing.isEmpty()) {
            return new CanaryResult(Verdict.INCONCLUSIVE, "not enough data for: " + String.join(", ", missing),
                    metrics);
        }
        return new CanaryResult(Verdict.PROMOTE, "all metrics passed", metrics);
    }

    private static NumericProfile profile(double[] values) {
        NumericProfile profile = NumericProfile.create();
        for (double v : values) {
            profile.add(v);
        }
        return profile;
    }

    static String confidence(CanaryThresholds t) {
        return fmt(100 * (1 - t.alpha())) + "%";
    }

    static String fmt(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.4g", value);
    }
}
