#!/usr/bin/env python3
"""Independent reference values for io.driftwatch.canary.analysis (CanaryStatisticsReferenceTest).

Writes src/test/resources/reference/canary_reference.json from small seeded samples with numpy/scipy:
  * mannwhitneyu(candidate, baseline, alternative="two-sided", method="asymptotic", use_continuity=True)
    (normal approximation with tie and continuity correction; U is the candidate's statistic);
  * Hodges-Lehmann shift = median of all candidate - baseline pairwise differences (materialised here),
    with the distribution-free interval [D(k+1), D(N-k)], k = floor(N/2 - z(1-alpha/2) sqrt(m n (m+n+1)/12));
  * wilcoxon(d, alternative=..., method="approx", correction=True, zero_method="wilcox");
  * two-proportion z-test with pooled standard error, one-sided p-values from the normal cdf/sf;
  * numpy.quantile (linear interpolation);
  * accuracy with a non-inferiority margin: the pooled one-sided z-test and the Wald interval of the difference,
    and the rule's decision computed here from its definition (FAIL iff candidate < minAccuracy, or the drop
    exceeds maxAccuracyDrop and p < alpha);
  * shadow error rate: per-request outcomes (production ok/error; candidate ok/error/missing), candidate failure =
    error or missing, one-sided McNemar normal approximation z = (b - c) / sqrt(b + c) on the discordant pairs.
Run from the repository root: python3 tools/reference/canary_reference.py
"""
import json
import math
import os

import numpy as np
from scipy import stats

ALPHA = 0.05
OUT = os.path.join("src", "test", "resources", "reference", "canary_reference.json")


def hodges_lehmann(baseline, candidate, alpha):
    diffs = np.sort(np.subtract.outer(candidate, baseline).ravel())
    m, n = len(baseline), len(candidate)
    total = m * n
    z = stats.norm.isf(alpha / 2)
    k = max(0, math.floor(total / 2 - z * math.sqrt(m * n * (m + n + 1) / 12)))
    return float(np.median(diffs)), float(diffs[k]), float(diffs[total - k - 1])


def mann_whitney_case(name, baseline, candidate):
    res = stats.mannwhitneyu(candidate, baseline, alternative="two-sided", method="asymptotic", use_continuity=True)
    est, lo, hi = hodges_lehmann(baseline, candidate, ALPHA)
    return {"name": name, "baseline": baseline.tolist(), "candidate": candidate.tolist(),
            "u": float(res.statistic), "pValue": float(res.pvalue),
            "hlEstimate": est, "hlLow": lo, "hlHigh": hi}


def wilcoxon_case(name, d):
    two = stats.wilcoxon(d, alternative="two-sided", method="approx", correction=True, zero_method="wilcox")
    greater = stats.wilcoxon(d, alternative="greater", method="approx", correction=True, zero_method="wilcox")
    return {"name": name, "differences": d.tolist(), "pTwoSided": float(two.pvalue),
            "pGreater": float(greater.pvalue)}


def nonzero(d):
    return d[d != 0.0]


def proportion_case(x1, n1, x2, n2):
    p1, p2 = x1 / n1, x2 / n2
    pooled = (x1 + x2) / (n1 + n2)
    z = (p2 - p1) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return {"baseSuccess": x1, "baseTotal": n1, "candSuccess": x2, "candTotal": n2, "z": z,
            "pLess": float(stats.norm.cdf(z)), "pGreater": float(stats.norm.sf(z))}


def accuracy_margin_case(name, x1, n1, x2, n2, min_accuracy, max_drop):
    p1, p2 = x1 / n1, x2 / n2
    pooled = (x1 + x2) / (n1 + n2)
    z = (p2 - p1) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    p_less = float(stats.norm.cdf(z))
    half = stats.norm.isf(ALPHA / 2) * math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    fail = p2 < min_accuracy or ((p1 - p2) > max_drop and p_less < ALPHA)
    return {"name": name, "baseCorrect": x1, "baseLabeled": n1, "candCorrect": x2, "candLabeled": n2,
            "minAccuracy": min_accuracy, "maxAccuracyDrop": max_drop, "pLess": p_less,
            "difference": p2 - p1, "ciLow": p2 - p1 - half, "ciHigh": p2 - p1 + half,
            "classification": "FAIL" if fail else "PASS"}


def shadow_failure_case(rng, n, prod_error_rate, cand_error_rate, cand_missing_rate):
    production_error = rng.random(n) < prod_error_rate
    u = rng.random(n)
    # candidate: 0 answered, 1 logged an error, 2 did not log the request
    candidate = np.where(u < cand_missing_rate, 2, np.where(u < cand_missing_rate + cand_error_rate, 1, 0))
    candidate_failed = candidate > 0
    b = int(np.sum(candidate_failed & ~production_error))
    c = int(np.sum(production_error & ~candidate_failed))
    z = (b - c) / math.sqrt(b + c)
    return {"productionError": production_error.astype(int).tolist(), "candidate": candidate.tolist(),
            "productionRate": float(production_error.mean()), "candidateRate": float(candidate_failed.mean()),
            "onlyCandidate": b, "onlyProduction": c, "pGreater": float(stats.norm.sf(z))}


def main():
    rng = np.random.default_rng(20261126)
    mw = [
        mann_whitney_case("small-normal", rng.normal(0.20, 0.02, 12), rng.normal(0.21, 0.02, 15)),
        mann_whitney_case("shifted", rng.normal(0.20, 0.01, 30), rng.normal(0.26, 0.01, 25)),
        mann_whitney_case("null", rng.lognormal(-1.6, 0.3, 40), rng.lognormal(-1.6, 0.3, 45)),
        mann_whitney_case("ties", np.round(rng.normal(0.2, 0.05, 35), 2), np.round(rng.normal(0.22, 0.05, 33), 2)),
    ]
    # exact zeros are removed so that the zero-handling convention does not matter
    wx = [
        wilcoxon_case("centred", nonzero(rng.normal(0.0, 0.01, 25))),
        wilcoxon_case("positive", nonzero(rng.normal(0.004, 0.01, 40))),
        wilcoxon_case("ties", nonzero(np.round(rng.normal(0.01, 0.03, 30), 2))),
    ]
    props = [proportion_case(1660, 2000, 1700, 2000), proportion_case(100, 2000, 130, 2000),
             proportion_case(90, 100, 80, 110), proportion_case(3, 60, 9, 55),
             proportion_case(0, 2000, 9, 2000), proportion_case(0, 2000, 1, 2000)]
    sample = rng.gamma(2.0, 0.1, 57)
    quantiles = {"sample": sample.tolist(),
                 "p50": float(np.quantile(sample, 0.5)), "p99": float(np.quantile(sample, 0.99))}
    margins = [
        accuracy_margin_case("50k, 0.5-point drop", 41500, 50000, 41250, 50000, 0.8, 0.01),
        accuracy_margin_case("50k, 1.5-point drop", 41500, 50000, 40750, 50000, 0.8, 0.01),
        accuracy_margin_case("2k, 1.5-point drop", 1660, 2000, 1630, 2000, 0.8, 0.01),
        accuracy_margin_case("50k, 0.5-point drop, no margin", 41500, 50000, 41250, 50000, 0.8, 0.0),
    ]
    shadow_failures = shadow_failure_case(rng, 1000, 0.01, 0.05, 0.05)
    doc = {"alpha": ALPHA, "scipy": __import__("scipy").__version__, "numpy": np.__version__,
           "mannWhitney": mw, "wilcoxon": wx, "twoProportion": props, "quantile": quantiles,
           "accuracyMargin": margins, "shadowFailures": shadow_failures}
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
