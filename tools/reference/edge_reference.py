#!/usr/bin/env python3
"""Reference values for drift methods on edge distributions nobody feeds them on purpose.

Regenerate from the repository root with

    python3 tools/reference/edge_reference.py

which overwrites src/test/resources/reference/edge_reference.json; MethodReferenceTest checks the Java code against it
exactly as it checks methods_reference.json (same layout, same tolerances). The numbers come from the numpy/scipy
helpers of methods_reference.py (imported, so both files follow one convention); nothing is shared with the Java side.

Fixtures: values 1e-12 apart (tiny variance), negative values, magnitudes near the largest double (max - min
overflows; computed on the values divided by 2**1022, an exact power of two, then scaled back where a result has the
feature's units), values spanning 600 orders of magnitude, windows of one row, a baseline without a usable value, a
constant current window; categories that are empty or blank strings, differ only in case or in Unicode normalisation,
emoji, 10,000-character strings, numbers stored as text, and a current window of categories the baseline never had.
"""

import math
import pathlib
import sys

import numpy as np
import scipy

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import methods_reference as ref  # noqa: E402

OUTPUT = (pathlib.Path(__file__).resolve().parents[2]
          / "src" / "test" / "resources" / "reference" / "edge_reference.json")
SCALE = 2.0 ** 1022


def scaled_fixture(name, description, baseline, current):
    """A fixture of baseline * SCALE vs current * SCALE, its expected values computed on the unscaled values."""
    fixture = ref.numeric_fixture(name, description, baseline, current)
    fixture["baseline"] = [ref.encode_number(v * SCALE) for v in baseline]
    fixture["current"] = [ref.encode_number(v * SCALE) for v in current]
    expected = fixture["expected"]
    for result in expected.values():
        if "edges" in result:
            result["edges"] = [e * SCALE for e in result["edges"]]
    w = expected["wasserstein"]
    if math.isfinite(w["score"] * SCALE):
        w["score"] = w["score"] * SCALE
        w["drifted"] = w["score"] >= 0.1
    else:  # the distance itself exceeds the largest double: no finite score, drifted
        expected["wasserstein"] = {"status": "UNDEFINED", "drifted": True}
    expected["z"]["category"] = expected["z"]["category"] * SCALE
    return fixture


def numeric_fixtures():
    fixtures = []
    fixtures.append(ref.numeric_fixture(
        "tiny_variance", "1 + k * 1e-12, k = 0..199 vs k = 40..189: std 6e-11, below the 0.001 floor",
        [1.0 + k * 1e-12 for k in range(200)], [1.0 + k * 1e-12 for k in range(40, 190)],
        [("psi", {"kind": "sturges"}, "evidently", "e"), ("js", {"kind": "sturges"}, "none", "2")]))
    rng = np.random.default_rng(3101)
    fixtures.append(ref.numeric_fixture(
        "tiny_magnitudes", "1e-12 * N(0,1) x 300 vs 1e-12 * N(0.3,1) x 250: every value near zero",
        [float(v) * 1e-12 for v in ref.rounded(rng.normal(0, 1, 300))],
        [float(v) * 1e-12 for v in ref.rounded(rng.normal(0.3, 1, 250))],
        [("psi", {"kind": "sturges"}, "evidently", "e")]))
    rng = np.random.default_rng(3202)
    fixtures.append(ref.numeric_fixture(
        "negative_values", "N(-50,10) x 400 vs N(-47,10) x 300: every value negative",
        ref.rounded(rng.normal(-50, 10, 400)), ref.rounded(rng.normal(-47, 10, 300)), ref.STANDARD_VARIANTS))
    rng = np.random.default_rng(3303)
    fixtures.append(ref.numeric_fixture(
        "negative_lognormal", "-lognormal(0,1) x 1100 vs -lognormal(0.2,1) x 900: skewed to the left, negative",
        ref.rounded(-rng.lognormal(0, 1, 1100)), ref.rounded(-rng.lognormal(0.2, 1, 900)), ref.STANDARD_VARIANTS[:3]))
    rng = np.random.default_rng(3404)
    fixtures.append(scaled_fixture(
        "near_max_double", "2^1022 * N(0,1) x 200 vs 2^1022 * N(0.5,1) x 200: max - min overflows a double",
        ref.rounded(rng.normal(0, 1, 200)), ref.rounded(rng.normal(0.5, 1, 200))))
    rng = np.random.default_rng(3454)
    fixtures.append(scaled_fixture(
        "opposite_extremes", "-2^1022 * (3 + U(0, 0.9)) x 50 vs 2^1022 * (3 + U(0, 0.9)) x 40: the gap between the"
        " windows (and the difference of their means) overflows a double",
        ref.rounded(-3 - rng.uniform(0, 0.9, 50)), ref.rounded(3 + rng.uniform(0, 0.9, 40))))
    fixtures.append(ref.numeric_fixture(
        "six_hundred_orders", "-1e300, -1, 0, 1e-300, 1, 1e300 with shifted frequencies",
        [-1e300] * 10 + [-1.0] * 20 + [0.0] * 30 + [1e-300] * 20 + [1.0] * 15 + [1e300] * 5,
        [-1e300] * 5 + [-1.0] * 20 + [0.0] * 20 + [1e-300] * 20 + [1.0] * 20 + [1e300] * 15))
    fixtures.append(ref.numeric_fixture(
        "one_row_same", "one row per window, the same value", [3.0], [3.0]))
    rng = np.random.default_rng(3505)
    fixtures.append(ref.numeric_fixture(
        "constant_current", "N(0,1) x 300 vs 0.5 x 200: a current window of one distinct value",
        ref.rounded(rng.normal(0, 1, 300)), [0.5] * 200, [("psi", {"kind": "sturges"}, "evidently", "e")]))
    rng = np.random.default_rng(3606)
    fixtures.append(ref.numeric_fixture(
        "empty_baseline", "a baseline of NULL, NaN and infinities only vs N(0,1) x 50",
        [None] * 5 + [math.nan] * 3 + [math.inf, -math.inf], ref.rounded(rng.normal(0, 1, 50))))
    return fixtures


def categorical_fixtures():
    long_a = "x" * 10000
    long_b = "x" * 9999 + "y"
    return [
        ref.categorical_fixture("empty_and_blank", "the empty string and a blank are categories",
                                {"": 50, "a": 30, " ": 20}, {"": 20, "a": 40, " ": 40}, baseline_missing=5,
                                current_missing=5),
        ref.categorical_fixture("case_only", "Yes, yes and YES are three categories", {"Yes": 60, "yes": 40},
                                {"Yes": 40, "yes": 40, "YES": 20}),
        ref.categorical_fixture("unicode", "emoji, accents, CJK; cafe + U+0301 (NFD) is not caf\u00e9 (NFC)",
                                {"\U0001f600": 30, "caf\u00e9": 30, "cafe\u0301": 20, "\u65e5\u672c": 20},
                                {"\U0001f600": 20, "caf\u00e9": 25, "cafe\u0301": 35, "\u65e5\u672c": 15,
                                 "\U0001f1e9\U0001f1ea": 5}),
        ref.categorical_fixture("long_strings", "10,000-character categories differing in the last character",
                                {long_a: 30, long_b: 20, "a": 10}, {long_a: 20, long_b: 30, "a": 10}),
        ref.categorical_fixture("numbers_as_text", "1, 1.0, 01 and 10 stored as text: four categories, sorted as text",
                                {"1": 40, "1.0": 20, "01": 10, "10": 30}, {"1": 30, "1.0": 30, "01": 10, "10": 30}),
        ref.categorical_fixture("only_new_categories", "the current window holds only categories the baseline lacks",
                                {"a": 50, "b": 30}, {"c": 30, "d": 10}),
    ]


def main():
    document = {
        "generator": "tools/reference/edge_reference.py",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "numeric": numeric_fixtures(),
        "categorical": categorical_fixtures(),
        "multiple_testing": [],
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(ref.to_json(document) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
