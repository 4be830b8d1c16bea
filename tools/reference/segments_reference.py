#!/usr/bin/env python3
"""Fixture and independent reference values for driftwatch's segments (per-segment drift in one pass).

Regenerate from the repository root with

    python3 tools/reference/segments_reference.py

which overwrites src/test/resources/reference/segments_fixture.csv (the rows the segment job tests load) and
src/test/resources/reference/segments_reference.json (what they expect). Needs numpy and scipy only; deterministic
(one fixed seed).

The fixture: one feature table, a baseline month (2026-01) and one current day (2026-05-01, run date 2026-05-02).
Countries: US 49 %, DE 25 %, FR 20 %, LU 5 %, BE and NL 0.5 % each, NULL for 50 rows; 'XX' only in the current
window (100 rows). amount ~ N(100, 15) rounded to 0.1 everywhere, except LU in the current window: N(109, 15), a
shift of 0.6 standard deviations inside a 5 % segment. channel (web/app/shop) never changes.

With segments [{ column: country, max: 4 }] the segments are country=US, DE, FR, LU (the 4 most frequent in the
baseline), country=XX (new in the current window), country=(missing) (NULL) and country=(other) (BE, NL).
Reference values, computed with scipy and sharing no code with the Java side:
  * ks statistic and p-value per segment and for the whole population: scipy.stats.ks_2samp(base, cur)
    (method "auto"); XX has no baseline rows, so no test;
  * the p-values adjusted together, population and segments in one family:
    scipy.stats.false_discovery_control(p, method="bh").
The script checks the property the fixture exists for: LU drifted (adjusted p < 0.05) while the population and every
other segment did not.
"""

import csv
import datetime as dt
import json
import pathlib

import numpy as np
import scipy
import scipy.stats

ROOT = pathlib.Path(__file__).resolve().parents[2]
CSV = ROOT / "src" / "test" / "resources" / "reference" / "segments_fixture.csv"
OUTPUT = ROOT / "src" / "test" / "resources" / "reference" / "segments_reference.json"

BASELINE = (dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc), dt.datetime(2026, 2, 1, tzinfo=dt.timezone.utc))
CURRENT = (dt.datetime(2026, 5, 1, tzinfo=dt.timezone.utc), dt.datetime(2026, 5, 2, tzinfo=dt.timezone.utc))
COUNTRIES = [("US", 5880), ("DE", 3000), ("FR", 2400), ("LU", 600), ("BE", 60), ("NL", 60), (None, 50)]
TOP = ["US", "DE", "FR", "LU"]


def window(rng, span, shifted, extra):
    rows = []
    for country, n in COUNTRIES + extra:
        mean = 109.0 if (shifted and country == "LU") else 100.0
        amounts = np.round(rng.normal(mean, 15.0, n), 1)
        channels = rng.choice(["web", "app", "shop"], size=n, p=[0.5, 0.3, 0.2])
        rows += [[country, float(a), str(c)] for a, c in zip(amounts, channels)]
    order = rng.permutation(len(rows))
    rows = [rows[i] for i in order]
    start, end = span
    step = (end - start) / len(rows)
    return [[(start + dt.timedelta(seconds=int(i * step.total_seconds()))).isoformat().replace("+00:00", "Z")] + r
            for i, r in enumerate(rows)]


def label(country):
    if country is None:
        return "country=(missing)"
    if country in TOP or country == "XX":
        return "country=" + country
    return "country=(other)"


def main():
    rng = np.random.default_rng(20261206)
    baseline = window(rng, BASELINE, False, [])
    current = window(rng, CURRENT, True, [("XX", 100)])
    with CSV.open("w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["scored_at", "amount", "channel", "country"])
        for r in baseline + current:
            w.writerow([r[0], repr(r[2]), r[3], "" if r[1] is None else r[1]])

    groups = {None: ([r[2] for r in baseline], [r[2] for r in current])}
    for side, rows in ((0, baseline), (1, current)):
        for r in rows:
            groups.setdefault(label(r[1]), ([], []))[side].append(r[2])
    results = {}
    family = []
    for key, (b, c) in groups.items():
        entry = {"segment": key, "baseline_count": len(b), "current_count": len(c)}
        if len(b) >= 2 and len(c) >= 2:
            ks = scipy.stats.ks_2samp(np.array(b), np.array(c))
            entry["statistic"] = float(ks.statistic)
            entry["p_value"] = float(ks.pvalue)
            family.append(key)
        results[key] = entry
    adjusted = scipy.stats.false_discovery_control([results[k]["p_value"] for k in family], method="bh")
    for key, a in zip(family, adjusted):
        results[key]["p_value_adjusted"] = float(a)
        results[key]["drifted"] = bool(a < 0.05)
    drifted = [k for k in family if results[k]["drifted"]]
    assert drifted == ["country=LU"], drifted
    out = {
        "generator": "tools/reference/segments_reference.py",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "rows": {"baseline": len(baseline), "current": len(current)},
        "amount_ks": [results[k] for k in groups],
    }
    OUTPUT.write_text(json.dumps(out, indent=1) + "\n")
    print("wrote", CSV, "and", OUTPUT, "; drifted:", drifted,
          "; population p =", results[None]["p_value"], "LU adjusted p =", results["country=LU"]["p_value_adjusted"])


if __name__ == "__main__":
    main()
