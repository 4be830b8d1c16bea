#!/usr/bin/env python3
"""Independent reference values for driftwatch's drift methods (PSI, KL, mean shift).

Regenerate from the repository root with

    python3 tools/reference/drift_reference.py

which overwrites src/test/resources/reference/drift_reference.json; DriftReferenceTest checks the Java code
against that file. Needs numpy and scipy only. The output is deterministic: every dataset has its own fixed
seed (numpy.random.default_rng), values are mostly rounded to 4 decimals so the file stays small, and the JSON layout
is fixed (insertion-ordered keys, Python's shortest round-trip float repr). The numpy/scipy versions used are recorded in the file.

Everything here is computed the textbook way with numpy/scipy and shares no code with the Java side:
  * edges      = np.unique(np.quantile(baseline, [i / 10 for i in 1..9]))   (numpy's default "linear" method)
  * bin index  = np.searchsorted(edges, value, side="right"), counts with np.bincount
  * shares     = bin count / number of finite values of that side
  * smoothing  = Evidently's rule per vector: zeros -> min_nonzero / 1e6 if min_nonzero <= 1e-4 else 1e-4
  * psi        = np.sum((b - c) * np.log(b / c)) on smoothed shares
  * kl         = scipy.stats.entropy(b, c) on smoothed shares (scipy renormalises both)
  * mean_shift = abs(np.mean(cur) - np.mean(base)) / np.std(base)   (population std, ddof=0)
Categorical bins are the union of categories, ordered by baseline count desc, then category ascending.

In the JSON, numeric values are numbers, null (SQL NULL), or the strings "NaN", "Infinity", "-Infinity";
categorical values are strings or null. Only finite numeric values are binned and enter the moments.
"""

import json
import math
import pathlib

import numpy as np
import scipy
import scipy.stats

OUTPUT = (pathlib.Path(__file__).resolve().parents[2]
          / "src" / "test" / "resources" / "reference" / "drift_reference.json")
DECILES = [i / 10 for i in range(1, 10)]
QUANTILE_PROBES = [0.0, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1.0]


def smooth(shares):
    nonzero = shares[shares != 0]
    smallest = nonzero.min()
    fill = smallest / 1e6 if smallest <= 1e-4 else 1e-4
    return np.where(shares == 0, fill, shares)


def divergences(baseline_counts, current_counts):
    b = smooth(baseline_counts / baseline_counts.sum())
    c = smooth(current_counts / current_counts.sum())
    psi = np.sum((b - c) * np.log(b / c))
    kl = scipy.stats.entropy(b, c)
    return float(psi), float(kl)


def rounded(values):
    return [float(v) for v in np.round(values, 4)]


def numeric_case(name, description, baseline, current):
    """baseline/current: lists of float, None, or non-finite floats."""
    def finite(values):
        return np.array([v for v in values if v is not None and math.isfinite(v)], dtype=np.float64)

    def counters(values):
        return {
            "missing": sum(1 for v in values if v is None),
            "nan": sum(1 for v in values if v is not None and math.isnan(v)),
            "infinite": sum(1 for v in values if v is not None and math.isinf(v)),
        }

    base = finite(baseline)
    cur = finite(current)
    edges = np.unique(np.quantile(base, DECILES))
    bins = len(edges) + 1
    base_counts = np.bincount(np.searchsorted(edges, base, side="right"), minlength=bins)
    cur_counts = np.bincount(np.searchsorted(edges, cur, side="right"), minlength=bins)
    psi, kl = divergences(base_counts, cur_counts)
    base_mean = float(np.mean(base))
    cur_mean = float(np.mean(cur))
    base_std = float(np.std(base))
    if base_std > 0:
        mean_shift = {"status": "OK", "score": abs(cur_mean - base_mean) / base_std}
    elif cur_mean == base_mean:
        mean_shift = {"status": "OK", "score": 0.0}
    else:
        mean_shift = {"status": "UNDEFINED", "drifted": True}
    base_counters = counters(baseline)
    cur_counters = counters(current)
    return {
        "name": name,
        "description": description,
        "baseline": [encode_number(v) for v in baseline],
        "current": [encode_number(v) for v in current],
        "expected": {
            "baseline_count": int(base.size),
            "current_count": int(cur.size),
            "baseline_missing": base_counters["missing"],
            "current_missing": cur_counters["missing"],
            "baseline_nan": base_counters["nan"],
            "current_nan": cur_counters["nan"],
            "baseline_infinite": base_counters["infinite"],
            "current_infinite": cur_counters["infinite"],
            "baseline_quantiles": {str(p): float(np.quantile(base, p)) for p in QUANTILE_PROBES},
            "edges": [float(e) for e in edges],
            "baseline_bin_counts": [int(n) for n in base_counts],
            "current_bin_counts": [int(n) for n in cur_counts],
            "psi": psi,
            "kl": kl,
            "baseline_mean": base_mean,
            "current_mean": cur_mean,
            "baseline_std": base_std,
            "mean_shift": mean_shift,
        },
    }


def encode_number(v):
    if v is None:
        return None
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return float(v)


def categorical_case(name, description, baseline, current):
    def counts(values):
        result = {}
        for v in values:
            if v is not None:
                result[v] = result.get(v, 0) + 1
        return result

    base = counts(baseline)
    cur = counts(current)
    labels = sorted(set(base) | set(cur), key=lambda k: (-base.get(k, 0), k))
    base_counts = np.array([base.get(k, 0) for k in labels], dtype=np.int64)
    cur_counts = np.array([cur.get(k, 0) for k in labels], dtype=np.int64)
    psi, kl = divergences(base_counts, cur_counts)
    return {
        "name": name,
        "description": description,
        "baseline": list(baseline),
        "current": list(current),
        "expected": {
            "baseline_count": int(base_counts.sum()),
            "current_count": int(cur_counts.sum()),
            "baseline_missing": sum(1 for v in baseline if v is None),
            "current_missing": sum(1 for v in current if v is None),
            "labels": labels,
            "baseline_bin_counts": [int(n) for n in base_counts],
            "current_bin_counts": [int(n) for n in cur_counts],
            "psi": psi,
            "kl": kl,
        },
    }


def numeric_cases():
    cases = []
    rng = np.random.default_rng(101)
    cases.append(numeric_case(
        "normal_no_shift", "N(0,1) vs an independent N(0,1) sample",
        rounded(rng.normal(0, 1, 2000)), rounded(rng.normal(0, 1, 2000))))
    rng = np.random.default_rng(202)
    cases.append(numeric_case(
        "normal_mean_shift", "N(0,1) vs N(0.5,1)",
        rounded(rng.normal(0, 1, 2000)), rounded(rng.normal(0.5, 1, 1500))))
    rng = np.random.default_rng(303)
    cases.append(numeric_case(
        "lognormal_scale_change", "lognormal(mu=1, sigma=0.6) vs the same scaled by 1.3 and wider (sigma=0.8)",
        rounded(rng.lognormal(1.0, 0.6, 1800)), rounded(1.3 * rng.lognormal(1.0, 0.8, 1800))))
    rng = np.random.default_rng(404)
    cases.append(numeric_case(
        "integer_ties", "Poisson(3) vs Poisson(3.6): many ties, so decile edges collapse",
        [float(v) for v in rng.poisson(3.0, 1500)], [float(v) for v in rng.poisson(3.6, 1500)]))
    rng = np.random.default_rng(505)
    cases.append(numeric_case(
        "constant_baseline", "baseline all 5.0 vs N(5.2, 0.1): one edge, mean shift undefined",
        [5.0] * 500, rounded(rng.normal(5.2, 0.1, 400))))
    cases.append(numeric_case(
        "constant_same", "baseline all 5.0 vs current all 5.0: mean shift 0",
        [5.0] * 300, [5.0] * 200))
    rng = np.random.default_rng(606)
    cases.append(numeric_case(
        "far_shift_empty_bins", "N(0,1) vs N(4,1): most current bins are empty, so smoothing decides the score",
        rounded(rng.normal(0, 1, 1000)), rounded(rng.normal(4, 1, 1000))))
    # Unrounded and tiny, so that gaps between neighbours are wide and numpy's two-sided lerp (which interpolates
    # down from the upper neighbour when the weight is >= 0.5) gives different bits than a + (b - a) * t for 4 of
    # the 9 deciles; seed 249 was picked for that.
    cases.append(numeric_case(
        "small_sample_full_precision", "12 unrounded lognormal(0, 1.5) values vs 12 from lognormal(0.3, 1.5)",
        [float(v) for v in np.random.default_rng(249).lognormal(0, 1.5, 12)],
        [float(v) for v in np.random.default_rng(250).lognormal(0.3, 1.5, 12)]))
    rng = np.random.default_rng(707)
    baseline = rounded(rng.normal(10, 2, 1000)) + [None] * 7 + [math.nan] * 3 + [math.inf, -math.inf]
    current = rounded(rng.normal(10.5, 2, 900)) + [None] * 20 + [math.nan] * 5 + [math.inf] * 4
    order = rng.permutation(len(baseline))
    baseline = [baseline[i] for i in order]
    order = rng.permutation(len(current))
    current = [current[i] for i in order]
    cases.append(numeric_case(
        "non_finite_and_missing", "N(10,2) vs N(10.5,2) with NULLs, NaN and infinities mixed in (not binned)",
        baseline, current))
    return cases


def categorical_cases():
    cases = []
    abc = ["a", "b", "c"]

    def draw(seed, categories, p, n):
        return [str(v) for v in np.random.default_rng(seed).choice(categories, size=n, p=p)]

    cases.append(categorical_case(
        "same_categories", "same distribution a/b/c = .5/.3/.2",
        draw(11, abc, [0.5, 0.3, 0.2], 2000), draw(12, abc, [0.5, 0.3, 0.2], 2000)))
    cases.append(categorical_case(
        "shifted_frequencies", "a/b/c = .5/.3/.2 vs .3/.3/.4",
        draw(21, abc, [0.5, 0.3, 0.2], 2000), draw(22, abc, [0.3, 0.3, 0.4], 1600)))
    current = draw(32, ["a", "b", "c", "d"], [0.45, 0.25, 0.2, 0.1], 1500)
    current[0:25] = [None] * 25
    cases.append(categorical_case(
        "new_unseen_category", "current has category d, absent from the baseline; 25 current NULLs",
        draw(31, abc, [0.5, 0.3, 0.2], 2000), current))
    cases.append(categorical_case(
        "vanished_category", "baseline has c, the current window has none",
        draw(41, abc, [0.5, 0.3, 0.2], 2000), draw(42, ["a", "b"], [0.6, 0.4], 1200)))
    cases.append(categorical_case(
        "tied_counts", "equal baseline counts are ordered by category",
        ["y"] * 40 + ["x"] * 40 + ["z"] * 20, ["z"] * 50 + ["x"] * 30 + ["y"] * 20))
    return cases


def smoothing_cases():
    inputs = [
        [0.5, 0.0, 0.5],
        [0.25, 0.25, 0.25, 0.25],
        [0.99995, 0.00005, 0.0],
        [0.0001, 0.0, 0.9999],
        [0.00010000000000000002, 0.0, 0.9998999999999999],
    ]
    return [{"input": v, "expected": [float(x) for x in smooth(np.array(v))]} for v in inputs]


def to_json(value, indent=0):
    """Pretty JSON with scalar lists on a single line, so the file stays readable and compact."""
    pad = " " * indent
    if isinstance(value, dict):
        items = [f'{pad} {json.dumps(k)}: {to_json(v, indent + 1)}' for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        items = [pad + " " + to_json(v, indent + 1) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return json.dumps(value, allow_nan=False, separators=(",", ":"))


def main():
    document = {
        "generator": "tools/reference/drift_reference.py",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "numeric": numeric_cases(),
        "categorical": categorical_cases(),
        "smoothing": smoothing_cases(),
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(to_json(document) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
