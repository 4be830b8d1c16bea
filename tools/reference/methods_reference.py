#!/usr/bin/env python3
"""Independent reference values for every driftwatch drift method, the Evidently selection, and p-value corrections.

Regenerate from the repository root with

    python3 tools/reference/methods_reference.py

which overwrites src/test/resources/reference/methods_reference.json; MethodReferenceTest checks the Java code against
it (drift_reference.py / DriftReferenceTest keep covering the original psi, kl and mean_shift numbers). Needs numpy and
scipy only; the versions used are recorded in the file. The output is deterministic: every fixture has its own fixed
seed (numpy.random.default_rng), values are rounded to 4 decimals unless a fixture says otherwise, and the JSON layout
is fixed (insertion-ordered keys, Python's shortest round-trip float repr).

Nothing here shares code with the Java side; every number comes from numpy/scipy primitives:
  binning     baseline-deciles: edges = np.unique(np.quantile(base, [i/10])), bin = np.searchsorted(edges, v, "right")
              sturges: edges = np.histogram_bin_edges(concat(base, cur), bins="sturges"), counts = np.histogram(x, edges)
              edges: configured interior edges, as baseline-deciles
              values: one bin per distinct value of base U cur
              evidently: sturges if base has > 20 distinct values, else values (Evidently's get_binned_data)
              categorical: one bin per category of base U cur
  smoothing   evidently: zeros -> min_nonzero / 1e6 if min_nonzero <= 1e-4 else 1e-4, per vector, no renormalisation
              laplace: (count + 1) / (n + bins);  none: count / n
  psi         np.sum((b - c) * np.log(b / c))
  kl          scipy.stats.entropy(b, c, base)
  js          scipy.spatial.distance.jensenshannon(b, c, base)           (distance; default base 2)
  js_divergence  (scipy.stats.entropy(p, m, base) + scipy.stats.entropy(q, m, base)) / 2 with m = (p + q) / 2
  hellinger   sqrt(0.5 * sum((sqrt(p) - sqrt(q))**2))
  wasserstein scipy.stats.wasserstein_distance(base, cur)
  wasserstein_norm  wasserstein / max(np.std(base), 0.001)   (np.std of base / s times s when np.std overflows)
  ks          scipy.stats.ks_2samp(base, cur)  (statistic, pvalue; method "auto")
  linf        numeric: ks_2samp statistic; categorical: max |b_i - c_i| over shares
  anderson_darling  scipy.stats.anderson_ksamp([base, cur], variant="midrank")
  chisquare   scipy.stats.chisquare(cur_counts, base_counts * n_cur / n_base) over the union; unseen -> inf, p 0
  z           Evidently's proportions_diff_z_stat_ind on the first sorted category, p = 2 * scipy.stats.norm.sf(|z|)
  missing_rate  |share_cur - share_base| with share = (null + nan + inf) / rows
  mean_shift  abs(mean(cur) - mean(base)) / np.std(base)   (rescaled like wasserstein_norm when np.std overflows)
The "evidently" block of each fixture re-implements Evidently's automatic test choice (registry._get_default_stattest)
and the chosen test (ks_stattest, chisquare_stattest, z_stattest, jensenshannon, wasserstein_distance_norm) from their
source (evidently's stattests modules), including its verdict operator (<=, < or >=).

In the JSON, numeric values are numbers, null (SQL NULL), or the strings "NaN", "Infinity", "-Infinity"; large numeric
windows of few distinct values are stored as [value, count] pairs ("baseline_counts"), and categorical fixtures as
category -> count maps (plus a NULL count), because profiles only keep counts.
"""

import json
import math
import pathlib
import warnings

import numpy as np
import scipy
import scipy.spatial.distance
import scipy.stats

OUTPUT = (pathlib.Path(__file__).resolve().parents[2]
          / "src" / "test" / "resources" / "reference" / "methods_reference.json")
DECILES = [i / 10 for i in range(1, 10)]
MIN_SCALE = 0.001


# ---------------------------------------------------------------------------------------------------------- helpers

def rounded(values):
    return [float(v) for v in np.round(values, 4)]


def encode_number(v):
    if v is None:
        return None
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return float(v)


def finite(values):
    return np.array([v for v in values if v is not None and math.isfinite(v)], dtype=np.float64)


def insufficient():
    return {"status": "INSUFFICIENT_DATA", "drifted": False}


def ok(score, p_value=None, drifted=None, **extra):
    result = {"status": "OK", "score": float(score)}
    if p_value is not None:
        result["p_value"] = float(p_value)
    if drifted is not None:
        result["drifted"] = bool(drifted)
    result.update(extra)
    return result


def smooth_evidently(shares):
    nonzero = shares[shares != 0]
    smallest = nonzero.min()
    fill = smallest / 1e6 if smallest <= 1e-4 else 1e-4
    return np.where(shares == 0, fill, shares)


def shares(counts, smoothing):
    counts = np.asarray(counts, dtype=np.float64)
    if smoothing == "laplace":
        return (counts + 1) / (counts.sum() + len(counts))
    raw = counts / counts.sum()
    return smooth_evidently(raw) if smoothing == "evidently" else raw


def std_population(values):
    with np.errstate(over="ignore", invalid="ignore"):
        std = float(np.std(values))
    if math.isfinite(std):
        return std
    scale = float(np.max(np.abs(values)))
    return scale * float(np.std(values / scale))


# ---------------------------------------------------------------------------------------------------------- binning

def open_ended_counts(values, edges):
    return np.bincount(np.searchsorted(edges, values, side="right"), minlength=len(edges) + 1)


def numeric_bins(base, cur, binning):
    """Returns (resolved binning name, edges list or None, base counts, cur counts)."""
    kind = binning["kind"]
    prefix = ""
    if kind == "evidently":
        prefix = "evidently:"
        kind = "sturges" if len(np.unique(base)) > 20 else "values"
    if kind == "baseline_quantiles":
        n = binning["bins"]
        edges = np.unique(np.quantile(base, [i / n for i in range(1, n)]))
        name = "baseline-deciles" if n == 10 else f"baseline-quantiles-{n}"
        return name, edges, open_ended_counts(base, edges), open_ended_counts(cur, edges)
    if kind == "edges":
        edges = np.array(binning["edges"], dtype=np.float64)
        return None, edges, open_ended_counts(base, edges), open_ended_counts(cur, edges)
    if kind == "sturges":
        edges = np.histogram_bin_edges(np.concatenate([base, cur]), bins="sturges")
        return (prefix + "sturges-combined", edges, np.histogram(base, edges)[0], np.histogram(cur, edges)[0])
    if kind == "values":
        keys = np.unique(np.concatenate([base, cur]))
        b = np.array([np.sum(base == k) for k in keys])
        c = np.array([np.sum(cur == k) for k in keys])
        return prefix + "values", None, b, c
    raise ValueError(kind)


def binned_scores(b_counts, c_counts, method, smoothing, base_log):
    b = shares(b_counts, smoothing)
    c = shares(c_counts, smoothing)
    log_base = None if base_log == "e" else 2
    with np.errstate(divide="ignore", invalid="ignore"):
        if method == "psi":
            terms = np.where(b == c, 0.0, (b - c) * np.log(b / c))
            return float(np.sum(terms))
        if method == "kl":
            return float(scipy.stats.entropy(b, c, base=log_base))
        p = b / b.sum()
        q = c / c.sum()
        m = (p + q) / 2
        if method == "js":
            return float(scipy.spatial.distance.jensenshannon(b, c, base=log_base))
        if method == "js_divergence":
            return float((scipy.stats.entropy(p, m, base=log_base) + scipy.stats.entropy(q, m, base=log_base)) / 2)
        if method == "hellinger":
            return float(np.sqrt(0.5 * np.sum((np.sqrt(p) - np.sqrt(q)) ** 2)))
    raise ValueError(method)


DEFAULT_BINNED = {
    "psi": ("evidently", "e", 0.1),
    "kl": ("evidently", "e", 0.1),
    "js": ("none", "2", 0.1),
    "js_divergence": ("none", "2", 0.01),
    "hellinger": ("none", "2", 0.1),
}


def binned_result(method, b_counts, c_counts, smoothing, log_base, threshold, edges=None, binning=None):
    score = binned_scores(b_counts, c_counts, method, smoothing, log_base)
    extra = {"baseline_bin_counts": [int(n) for n in b_counts], "current_bin_counts": [int(n) for n in c_counts]}
    if edges is not None:
        extra["edges"] = [float(e) for e in edges]
    if binning is not None:
        extra["binning"] = binning
    if not math.isfinite(score):
        return {"status": "UNDEFINED", "drifted": score == math.inf, **extra}
    return ok(score, drifted=score >= threshold, **extra)


# ---------------------------------------------------------------------------------------------------------- numeric

def z_test(base_values, cur_values):
    """Evidently's z_stattest on already-cleaned values; returns (|z|, signed z, p (sf), p (Evidently), category)."""
    keys = sorted(set(base_values) | set(cur_values))
    if len(keys) == 1:
        return 0.0, 0.0, 1.0, 1.0, keys[0]
    key = keys[0]
    ref = [0 if x == key else 1 for x in base_values]
    cur = [0 if x == key else 1 for x in cur_values]
    n1, n2 = len(ref), len(cur)
    p1 = float(sum(ref)) / n1
    p2 = float(sum(cur)) / n2
    pooled = float(p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2))
    return (float(abs(z)), float(z), float(2 * scipy.stats.norm.sf(abs(z))),
            float(2 * (1 - scipy.stats.norm.cdf(abs(z)))), key)


def chi_square(base_counts, cur_counts):
    """Goodness of fit over the union given aligned counts; returns a result dict."""
    base_counts = np.asarray(base_counts, dtype=np.float64)
    cur_counts = np.asarray(cur_counts, dtype=np.float64)
    if np.any((base_counts == 0) & (cur_counts > 0)):
        return {"status": "UNDEFINED", "p_value": 0.0, "drifted": True,
                "unseen_count": int(cur_counts[base_counts == 0].sum())}
    if len(base_counts) == 1:
        return ok(0.0, 1.0, False)
    expected = base_counts * (cur_counts.sum() / base_counts.sum())
    statistic, p = scipy.stats.chisquare(cur_counts, expected)
    return ok(statistic, p, p < 0.05, degrees_of_freedom=len(base_counts) - 1)


def numeric_results(base, cur, base_raw, cur_raw):
    results = {}
    if base.size and cur.size:
        for method, (smoothing, log_base, threshold) in DEFAULT_BINNED.items():
            _, edges, b, c = numeric_bins(base, cur, {"kind": "baseline_quantiles", "bins": 10})
            results[method] = binned_result(method, b, c, smoothing, log_base, threshold, edges)
        wd = float(scipy.stats.wasserstein_distance(base, cur))
        results["wasserstein"] = ok(wd, drifted=wd >= 0.1)
        norm = wd / max(std_population(base), MIN_SCALE)
        results["wasserstein_norm"] = ok(norm, drifted=norm >= 0.1)
        ks = scipy.stats.ks_2samp(base, cur)
        results["linf"] = ok(ks.statistic, drifted=ks.statistic >= 0.1)
        if base.size >= 2 and cur.size >= 2:
            results["ks"] = ok(ks.statistic, ks.pvalue, ks.pvalue < 0.05)
        else:
            results["ks"] = insufficient()
        if base.size + cur.size < 4:
            results["anderson_darling"] = insufficient()
        elif np.unique(np.concatenate([base, cur])).size < 2:
            results["anderson_darling"] = {"status": "UNDEFINED", "drifted": False}
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ad = scipy.stats.anderson_ksamp([base, cur], variant="midrank")
            results["anderson_darling"] = ok(ad.statistic, ad.pvalue, ad.pvalue < 0.05)
        _, _, b, c = numeric_bins(base, cur, {"kind": "values"})
        results["chisquare"] = chi_square(b, c)
        score, z, p, _, key = z_test(list(base), list(cur))
        results["z"] = ok(score, p, p < 0.05, z=z, category=float(key))
        std = std_population(base)
        shift = abs(float(np.mean(cur)) - float(np.mean(base)))
        if std > 0 and math.isfinite(shift / std):
            results["mean_shift"] = ok(shift / std, drifted=shift / std >= 0.2)
        elif std == 0 and shift == 0:
            results["mean_shift"] = ok(0.0, drifted=False)
        else:
            results["mean_shift"] = {"status": "UNDEFINED", "drifted": True}
    else:
        for method in ["psi", "kl", "js", "js_divergence", "hellinger", "wasserstein", "wasserstein_norm", "ks",
                       "linf", "anderson_darling", "chisquare", "z", "mean_shift"]:
            results[method] = insufficient()
    results["missing_rate"] = missing_rate(base_raw, cur_raw)
    return results


def missing_rate(base_raw, cur_raw):
    def counts(values):
        rows = len(values)
        missing = sum(1 for v in values if v is None or (isinstance(v, float) and not math.isfinite(v)))
        return rows, missing

    b_rows, b_missing = counts(base_raw)
    c_rows, c_missing = counts(cur_raw)
    if b_rows == 0 or c_rows == 0:
        return insufficient()
    b_share = b_missing / b_rows
    c_share = c_missing / c_rows
    pooled = (b_missing + c_missing) / (b_rows + c_rows)
    p = 1.0
    if 0 < pooled < 1:
        z = (c_share - b_share) / math.sqrt(pooled * (1 - pooled) * (1 / b_rows + 1 / c_rows))
        p = float(2 * scipy.stats.norm.sf(abs(z)))
    score = abs(c_share - b_share)
    return ok(score, p, score >= 0.05, baseline_missing_share=b_share, current_missing_share=c_share)


def numeric_variants(base, cur, variants):
    out = []
    for method, binning, smoothing, log_base in variants:
        threshold = DEFAULT_BINNED[method][2]
        name, edges, b, c = numeric_bins(base, cur, binning)
        result = binned_result(method, b, c, smoothing, log_base, threshold, edges, name)
        out.append({"method": method, "binning": binning, "smoothing": smoothing, "log_base": log_base,
                    "expected": result})
    return out


# ---------------------------------------------------------------------------------------------------------- evidently

def evidently_binned(ref, cur, numeric):
    """Evidently's get_binned_data(..., feel_zeroes=False)."""
    if numeric and len(set(ref)) > 20:
        bins = np.histogram_bin_edges(np.concatenate([ref, cur]), bins="sturges")
        return np.histogram(ref, bins)[0] / len(ref), np.histogram(cur, bins)[0] / len(cur)
    keys = sorted(set(ref) | set(cur))  # Evidently iterates a set; sorting only fixes the rounding order
    ref_counts = {k: 0 for k in keys}
    cur_counts = {k: 0 for k in keys}
    for v in ref:
        ref_counts[v] += 1
    for v in cur:
        cur_counts[v] += 1
    return (np.array([ref_counts[k] / len(ref) for k in keys]), np.array([cur_counts[k] / len(cur) for k in keys]))


def evidently(ref, cur, numeric):
    """Evidently's automatic choice and verdict; ref and cur are cleaned lists (no NULL/NaN/inf)."""
    n_values = len(set(ref) | set(cur))
    if len(ref) <= 1000:
        if numeric and n_values > 5:
            test = "ks"
        else:
            test = "chisquare" if n_values > 2 else "z"
    else:
        test = "wasserstein" if numeric and n_values > 5 else "jensenshannon"
    if test == "ks":
        p = float(scipy.stats.ks_2samp(ref, cur)[1])
        return {"stattest": test, "p_value": p, "drifted": p <= 0.05}
    if test == "chisquare":
        keys = sorted(set(ref) | set(cur))
        k_norm = len(cur) / len(ref)
        f_exp = [sum(1 for v in ref if v == k) * k_norm for k in keys]
        f_obs = [sum(1 for v in cur if v == k) for k in keys]
        with np.errstate(divide="ignore", invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            p = float(scipy.stats.chisquare(f_obs, f_exp)[1])
        return {"stattest": test, "p_value": p, "drifted": bool(p < 0.05)}
    if test == "z":
        _, _, _, p, _ = z_test(ref, cur)
        return {"stattest": test, "p_value": p, "drifted": bool(p < 0.05)}
    if test == "wasserstein":
        value = float(scipy.stats.wasserstein_distance(ref, cur) / max(np.std(ref), 0.001))
        return {"stattest": test, "score": value, "drifted": value >= 0.1}
    ref_percents, cur_percents = evidently_binned(np.array(ref) if numeric else ref,
                                                  np.array(cur) if numeric else cur, numeric)
    value = float(scipy.spatial.distance.jensenshannon(ref_percents, cur_percents))
    return {"stattest": test, "score": value, "drifted": value >= 0.1}


# ---------------------------------------------------------------------------------------------------------- fixtures

def numeric_fixture(name, description, baseline, current, variants=(), as_counts=False):
    """as_counts stores each window as [value, count] pairs (for large windows of few distinct values)."""
    base = finite(baseline)
    cur = finite(current)
    fixture = {"name": name, "description": description}
    if as_counts:
        fixture["baseline_counts"] = [[float(v), int(n)] for v, n in zip(*np.unique(base, return_counts=True))]
        fixture["current_counts"] = [[float(v), int(n)] for v, n in zip(*np.unique(cur, return_counts=True))]
    else:
        fixture["baseline"] = [encode_number(v) for v in baseline]
        fixture["current"] = [encode_number(v) for v in current]
    fixture["expected"] = numeric_results(base, cur, baseline, current)
    if variants:
        fixture["variants"] = numeric_variants(base, cur, variants)
    if base.size and cur.size:
        fixture["evidently"] = evidently([float(v) for v in base], [float(v) for v in cur], True)
    return fixture


STANDARD_VARIANTS = [
    ("psi", {"kind": "sturges"}, "evidently", "e"),
    ("psi", {"kind": "sturges"}, "laplace", "e"),
    ("kl", {"kind": "sturges"}, "laplace", "2"),
    ("psi", {"kind": "baseline_quantiles", "bins": 20}, "laplace", "e"),
    ("psi", {"kind": "baseline_quantiles", "bins": 10}, "none", "e"),
    ("js", {"kind": "sturges"}, "none", "2"),
    ("js", {"kind": "evidently"}, "none", "e"),
    ("js_divergence", {"kind": "sturges"}, "none", "2"),
    ("hellinger", {"kind": "sturges"}, "none", "2"),
    ("hellinger", {"kind": "baseline_quantiles", "bins": 10}, "evidently", "2"),
]


def numeric_fixtures():
    fixtures = []
    rng = np.random.default_rng(1101)
    fixtures.append(numeric_fixture(
        "normal_small_shift", "N(0,1) x 500 vs N(0.15,1) x 400: Evidently picks ks (reference <= 1000 rows)",
        rounded(rng.normal(0, 1, 500)), rounded(rng.normal(0.15, 1, 400)),
        STANDARD_VARIANTS + [("psi", {"kind": "edges", "edges": [-1.5, -0.5, 0.0, 0.5, 1.5]}, "evidently", "e")]))
    rng = np.random.default_rng(1202)
    fixtures.append(numeric_fixture(
        "normal_large_scale", "N(0,1) x 1050 vs N(0.1,1.2) x 800: Evidently picks normed Wasserstein",
        rounded(rng.normal(0, 1, 1050)), rounded(rng.normal(0.1, 1.2, 800)), STANDARD_VARIANTS))
    rng = np.random.default_rng(1303)
    fixtures.append(numeric_fixture(
        "lognormal_skewed", "lognormal(0, 0.8) x 1050 vs lognormal(0.1, 0.9) x 700 (skewed)",
        rounded(rng.lognormal(0, 0.8, 1050)), rounded(rng.lognormal(0.1, 0.9, 700)), STANDARD_VARIANTS))
    rng = np.random.default_rng(1404)
    fixtures.append(numeric_fixture(
        "student_t_heavy_tails", "Student t (df=2) x 600 vs 1.2 * t (df=2) x 500: heavy tails",
        rounded(rng.standard_t(2, 600)), rounded(1.2 * rng.standard_t(2, 500)), STANDARD_VARIANTS))
    rng = np.random.default_rng(1505)
    fixtures.append(numeric_fixture(
        "cauchy_large", "Cauchy x 1020 vs Cauchy + 0.3 x 600: no mean, wild normed Wasserstein",
        rounded(rng.standard_cauchy(1020)), rounded(rng.standard_cauchy(600) + 0.3)))
    rng = np.random.default_rng(1606)
    fixtures.append(numeric_fixture(
        "poisson_ties", "Poisson(3) x 500 vs Poisson(3.5) x 400: integer values with heavy ties",
        [float(v) for v in rng.poisson(3.0, 500)], [float(v) for v in rng.poisson(3.5, 400)],
        STANDARD_VARIANTS + [("js", {"kind": "values"}, "none", "2"), ("psi", {"kind": "values"}, "evidently", "e")]))
    rng = np.random.default_rng(1707)
    fixtures.append(numeric_fixture(
        "four_values_small", "values 1..4 x 500 vs 400 with shifted frequencies: Evidently picks chisquare",
        [float(v) for v in rng.choice([1, 2, 3, 4], 500, p=[0.4, 0.3, 0.2, 0.1])],
        [float(v) for v in rng.choice([1, 2, 3, 4], 400, p=[0.3, 0.3, 0.25, 0.15])]))
    rng = np.random.default_rng(1808)
    fixtures.append(numeric_fixture(
        "binary_numeric_small", "0/1 x 300 vs 250: Evidently picks z",
        [float(v) for v in rng.choice([0, 1], 300, p=[0.7, 0.3])],
        [float(v) for v in rng.choice([0, 1], 250, p=[0.6, 0.4])]))
    rng = np.random.default_rng(1909)
    fixtures.append(numeric_fixture(
        "four_values_large", "values 1..4 x 1100 vs 1..3, 5 x 900: Evidently picks JS over value bins (natural log)",
        [float(v) for v in rng.choice([1, 2, 3, 4], 1100, p=[0.4, 0.3, 0.2, 0.1])],
        [float(v) for v in rng.choice([1, 2, 3, 5], 900, p=[0.35, 0.3, 0.2, 0.15])],
        [("js", {"kind": "evidently"}, "none", "e"), ("js", {"kind": "values"}, "none", "2")]))
    rng = np.random.default_rng(2010)
    fixtures.append(numeric_fixture(
        "power_of_two_rows", "N(0,1) x 1024 vs N(0.05,1) x 1024: Sturges on N = 2048, log2 exactly 11",
        rounded(rng.normal(0, 1, 1024)), rounded(rng.normal(0.05, 1, 1024)), STANDARD_VARIANTS[:2]))
    rng = np.random.default_rng(2020)
    fixtures.append(numeric_fixture(
        "poisson_large_counts", "Poisson(3) x 15000 vs Poisson(3.06) x 12000: KS p-value from the asymptotic"
        " distribution (both windows >= 10000)", [float(v) for v in rng.poisson(3.0, 15000)],
        [float(v) for v in rng.poisson(3.06, 12000)], as_counts=True))
    rng = np.random.default_rng(2030)
    fixtures.append(numeric_fixture(
        "normal_one_decimal_large", "N(0,1) x 20000 vs N(0.02,1) x 16000 rounded to 0.1: asymptotic KS, stored as"
        " value counts", [float(v) for v in np.round(rng.normal(0, 1, 20000), 1)],
        [float(v) for v in np.round(rng.normal(0.02, 1, 16000), 1)], STANDARD_VARIANTS[:2], as_counts=True))
    fixtures.append(numeric_fixture(
        "tiny_unrounded", "5 unrounded lognormal values vs 4 (n <= 5)",
        [float(v) for v in np.random.default_rng(2111).lognormal(0, 1, 5)],
        [float(v) for v in np.random.default_rng(2112).lognormal(0.5, 1, 4)],
        [("psi", {"kind": "sturges"}, "evidently", "e"), ("js", {"kind": "evidently"}, "none", "e")]))
    fixtures.append(numeric_fixture(
        "tiny_ties", "[1, 1, 2] vs [2, 3, 3, 3]", [1.0, 1.0, 2.0], [2.0, 3.0, 3.0, 3.0]))
    fixtures.append(numeric_fixture(
        "single_values", "one value per window: ks and anderson_darling need more", [1.0], [2.0]))
    fixtures.append(numeric_fixture(
        "constant_same", "5.0 x 50 vs 5.0 x 40: identical constant windows", [5.0] * 50, [5.0] * 40,
        [("psi", {"kind": "sturges"}, "evidently", "e")]))
    rng = np.random.default_rng(2313)
    fixtures.append(numeric_fixture(
        "constant_baseline", "5.0 x 300 vs N(5.2, 0.1) x 200: constant baseline, std floor 0.001",
        [5.0] * 300, rounded(rng.normal(5.2, 0.1, 200)), [("psi", {"kind": "sturges"}, "evidently", "e")]))
    rng = np.random.default_rng(2414)
    fixtures.append(numeric_fixture(
        "empty_current", "N(0,1) x 100 vs a window of only NULL and NaN: insufficient data except missing_rate",
        rounded(rng.normal(0, 1, 100)), [None] * 6 + [math.nan] * 2))
    rng = np.random.default_rng(2515)
    baseline = rounded(rng.normal(10, 2, 400)) + [None] * 7 + [math.nan] * 3 + [math.inf, -math.inf]
    current = rounded(rng.normal(10.5, 2, 350)) + [None] * 40 + [math.nan] * 5 + [math.inf] * 4
    baseline = [baseline[i] for i in rng.permutation(len(baseline))]
    current = [current[i] for i in rng.permutation(len(current))]
    fixtures.append(numeric_fixture(
        "missing_and_non_finite", "N(10,2) vs N(10.5,2) with NULLs, NaN and infinities; missing share rises",
        baseline, current))
    rng = np.random.default_rng(2616)
    fixtures.append(numeric_fixture(
        "huge_magnitudes", "1e300 * N(0,1) x 200 vs 1e300 * N(0.5,1) x 200: squares overflow, scores must not",
        [float(v) * 1e300 for v in rounded(rng.normal(0, 1, 200))],
        [float(v) * 1e300 for v in rounded(rng.normal(0.5, 1, 200))],
        [("psi", {"kind": "sturges"}, "evidently", "e")]))
    return fixtures


def categorical_fixture(name, description, baseline, current, baseline_missing=0, current_missing=0):
    """baseline/current: dict category -> count."""
    base_list = [k for k, n in baseline.items() for _ in range(n)]
    cur_list = [k for k, n in current.items() for _ in range(n)]
    results = {}
    if base_list and cur_list:
        labels = sorted(set(baseline) | set(current), key=lambda k: (-baseline.get(k, 0), k))
        b = np.array([baseline.get(k, 0) for k in labels])
        c = np.array([current.get(k, 0) for k in labels])
        for method, (smoothing, log_base, threshold) in DEFAULT_BINNED.items():
            results[method] = binned_result(method, b, c, smoothing, log_base, threshold)
        linf = float(np.max(np.abs(b / b.sum() - c / c.sum())))
        results["linf"] = ok(linf, drifted=linf >= 0.1)
        results["chisquare"] = chi_square(b, c)
        score, z, p, _, key = z_test(base_list, cur_list)
        results["z"] = ok(score, p, p < 0.05, z=z, category=key)
        labels_out = labels
    else:
        for method in ["psi", "kl", "js", "js_divergence", "hellinger", "linf", "chisquare", "z"]:
            results[method] = insufficient()
        labels_out = []
    results["missing_rate"] = missing_rate([None] * baseline_missing + base_list, [None] * current_missing + cur_list)
    fixture = {
        "name": name,
        "description": description,
        "baseline": baseline,
        "baseline_missing": baseline_missing,
        "current": current,
        "current_missing": current_missing,
        "labels": labels_out,
        "expected": results,
    }
    if base_list and cur_list:
        fixture["evidently"] = evidently(base_list, cur_list, False)
    return fixture


def draw(seed, categories, p, n):
    values = np.random.default_rng(seed).choice(categories, size=n, p=p)
    counts = {}
    for v in values:
        counts[str(v)] = counts.get(str(v), 0) + 1
    return counts


def categorical_fixtures():
    abc = ["a", "b", "c"]
    many = [f"c{i:02d}" for i in range(60)]
    return [
        categorical_fixture("same_small", "a/b/c .5/.3/.2, 600 vs 500: Evidently picks chisquare",
                            draw(31, abc, [0.5, 0.3, 0.2], 600), draw(32, abc, [0.5, 0.3, 0.2], 500)),
        categorical_fixture("shift_large", "a/b/c .5/.3/.2 x 1500 vs .4/.3/.3 x 1200: Evidently picks JS",
                            draw(33, abc, [0.5, 0.3, 0.2], 1500), draw(34, abc, [0.4, 0.3, 0.3], 1200)),
        categorical_fixture("unseen_category", "current adds category d (and NULLs): chisquare infinite, p = 0",
                            draw(35, abc, [0.5, 0.3, 0.2], 800), draw(36, abc + ["d"], [0.45, 0.25, 0.2, 0.1], 700),
                            baseline_missing=5, current_missing=40),
        categorical_fixture("vanished_category", "the current window lost category c: finite chisquare",
                            draw(37, abc, [0.5, 0.3, 0.2], 700), draw(38, ["a", "b"], [0.6, 0.4], 500)),
        categorical_fixture("binary_small", "yes/no .7/.3 x 400 vs .62/.38 x 300: Evidently picks z",
                            draw(39, ["yes", "no"], [0.7, 0.3], 400), draw(40, ["yes", "no"], [0.62, 0.38], 300)),
        categorical_fixture("binary_large", "yes/no x 1500 vs x 1400: Evidently picks JS",
                            draw(41, ["yes", "no"], [0.7, 0.3], 1500), draw(42, ["yes", "no"], [0.66, 0.34], 1400)),
        categorical_fixture("tiny", "[a, b] vs [b, b, c]", {"a": 1, "b": 1}, {"b": 2, "c": 1}),
        categorical_fixture("single_same", "x x 10 vs x x 7: z gives p = 1", {"x": 10}, {"x": 7}),
        categorical_fixture("code_point_order", "U+FB01 vs U+1F600: Python sorts by code point, Java's compareTo"
                            " by UTF-16 unit", {"\ufb01": 30, "\U0001f600": 20}, {"\ufb01": 20, "\U0001f600": 25}),
        categorical_fixture("high_cardinality_same", "60 equally likely categories, 2000 vs 2000, no drift: JS"
                            " noise exceeds 0.1, linf does not",
                            draw(43, many, [1 / 60] * 60, 2000), draw(44, many, [1 / 60] * 60, 2000)),
        categorical_fixture("empty_current", "a window of NULLs only", {"a": 3, "b": 2}, {}, current_missing=4),
    ]


def multiple_testing_cases():
    cases = []
    inputs = [
        [0.01, 0.04, 0.03, 0.2, 0.5],
        [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216],
        [0.5, 0.5, 0.5],
        [0.0, 1.0, 0.02],
        [0.9],
    ]
    rng = np.random.default_rng(4242)
    inputs.append([float(v) for v in np.round(rng.uniform(0, 0.2, 25), 6)])
    for p in inputs:
        arr = np.array(p)
        cases.append({
            "p": p,
            "benjamini_hochberg": [float(v) for v in scipy.stats.false_discovery_control(arr, method="bh")],
            "bonferroni": [float(v) for v in np.minimum(arr * len(arr), 1.0)],
        })
    return cases


def to_json(value, indent=0):
    """Pretty JSON with scalar lists on a single line, so the file stays readable and compact."""
    pad = " " * indent
    if isinstance(value, dict):
        items = [f'{pad} {json.dumps(k, ensure_ascii=False)}: {to_json(v, indent + 1)}' for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        items = [pad + " " + to_json(v, indent + 1) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return json.dumps(value, allow_nan=False, separators=(",", ":"), ensure_ascii=False)


def main():
    document = {
        "generator": "tools/reference/methods_reference.py",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "numeric": numeric_fixtures(),
        "categorical": categorical_fixtures(),
        "multiple_testing": multiple_testing_cases(),
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(to_json(document) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
