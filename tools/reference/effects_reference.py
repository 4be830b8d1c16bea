#!/usr/bin/env python3
"""Independent reference values for the `effects` drift method (io.driftwatch.drift.EffectsMethod).

Regenerate from the repository root with

    python3 tools/reference/effects_reference.py

which overwrites src/test/resources/reference/effects_reference.json; EffectsReferenceTest checks the Java code
against it (every effect's size, floor, noise bound and ratio, the score and the verdict). numpy and scipy only;
nothing is shared with the Java side:

  alpha = 1e-4; z = scipy.stats.norm.isf(alpha / 2); ks c = sqrt(-log(alpha / 2) / 2); 1/n + 1/m = inv
  numeric (finite values; missing = NULL + NaN + inf over rows):
    scale          min(np.std(base), IQR / norm.ppf(.75) * .5) with IQR = np.quantile(base, .75) - np.quantile(base, .25)
                   (np.std alone when IQR = 0)
    median_shift   |median(cur) - median(base)| / scale; noise = (Q(.5 +- d) - median(base)) / scale on the side of
                   the move, d = z sqrt(.25 inv), Q = np.quantile(base, .); infinite when .5 +- d leaves (0, 1)
    iqr_ratio      |log(IQR_cur / IQR_base)|; noise = log(widest / IQR) (rise: Q(.75 + d') - Q(.25 - d')) or
                   log(IQR / narrowest) (fall: Q(.75 - d') - Q(.25 + d')), d' = z sqrt(.1875 inv)
    lower_tail     share strictly below np.quantile(base, .01) in each window, |difference|; noise z sqrt(q(1-q) inv)
    upper_tail     share strictly above np.quantile(base, .99), the same
    ks_distance    scipy.stats.ks_2samp(base, cur).statistic; noise c sqrt(inv)
  categorical (shares over the union of categories, k of them):
    share_move     max over categories of |c_i - b_i| / max(.05, z_k sqrt(q_i(1-q_i) inv)), z_k = norm.isf(alpha/(2k))
    js_distance    scipy.spatial.distance.jensenshannon(b, c, base=2); noise sqrt(2 ln2 inv chi2.isf(alpha, k-1) / 8 / ln2)
    new_category   the largest category unseen in the baseline, its current share; noise (ceil(log(alpha/u) /
                   log(m/(n+m))) - 0.5) / m with u unseen categories
  missing_share    |missing share cur - base| over rows; noise z sqrt(q(1-q)(1/N + 1/M)) over rows
  ratio = size / max(floor, noise) (0 for a zero size); score = max ratio; drifted when score >= 1.
"""

import json
import math
import pathlib

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance

ALPHA = 1e-4
Z = stats.norm.isf(ALPHA / 2)
KS_C = math.sqrt(-math.log(ALPHA / 2) / 2)
FLOORS = dict(median_shift=0.15, iqr_ratio=math.log(1.15), lower_tail=0.01, upper_tail=0.01, ks_distance=0.1,
              share_move=0.05, js_distance=0.1, new_category=0.008, missing_share=0.015)
OUT = pathlib.Path(__file__).resolve().parents[2] / "src/test/resources/reference/effects_reference.json"


def effect(name, size, noise):
    floor = FLOORS[name]
    ratio = 0.0 if size <= 0 else size / max(floor, np.nextafter(noise, np.inf)) if math.isfinite(noise) else 0.0
    return dict(effect=name, size=float(size), floor=floor, noise=float(noise) if math.isfinite(noise) else None,
                ratio=float(min(ratio, 1e6)))


def missing(base_rows, base_missing, cur_rows, cur_missing):
    b = base_missing / base_rows
    c = cur_missing / cur_rows
    q = (base_missing + cur_missing) / (base_rows + cur_rows)
    return effect("missing_share", abs(c - b), Z * math.sqrt(q * (1 - q) * (1 / base_rows + 1 / cur_rows)))


def numeric(base, cur):
    n, m = len(base), len(cur)
    inv = 1 / n + 1 / m
    Q = lambda p: float(np.quantile(base, p))
    iqr = Q(.75) - Q(.25)
    std = float(np.std(base))
    scale = min(std, iqr / (2 * stats.norm.ppf(.75))) if iqr > 0 else std
    out = []
    med = Q(.5)
    move = float(np.median(cur)) - med
    d = Z * math.sqrt(.25 * inv)
    if move >= 0:
        band = math.inf if .5 + d >= 1 else Q(.5 + d) - med
    else:
        band = math.inf if .5 - d <= 0 else med - Q(.5 - d)
    out.append(effect("median_shift", abs(move) / scale, band / scale))
    if iqr > 0:
        ciqr = float(np.quantile(cur, .75) - np.quantile(cur, .25))
        d2 = Z * math.sqrt(.1875 * inv)
        log_ratio = math.log(ciqr / iqr)
        hi = lambda p: math.inf if p + d2 >= 1 else Q(p + d2)
        lo = lambda p: -math.inf if p - d2 <= 0 else Q(p - d2)
        if log_ratio >= 0:
            noise = math.log((hi(.75) - lo(.25)) / iqr)
        else:
            narrow = lo(.75) - hi(.25)
            noise = math.log(iqr / narrow) if narrow > 0 else math.inf
        out.append(effect("iqr_ratio", abs(log_ratio), noise))
    low, high = Q(.01), Q(.99)
    for name, b, c in (("lower_tail", np.mean(base < low), np.mean(cur < low)),
                       ("upper_tail", np.mean(base > high), np.mean(cur > high))):
        q = (b * n + c * m) / (n + m)
        out.append(effect(name, abs(c - b), Z * math.sqrt(q * (1 - q) * inv)))
    out.append(effect("ks_distance", stats.ks_2samp(base, cur).statistic, KS_C * math.sqrt(inv)))
    return out


def categorical(base, cur):
    cats = sorted(set(base) | set(cur))
    n, m = sum(base.values()), sum(cur.values())
    inv = 1 / n + 1 / m
    k = len(cats)
    zk = stats.norm.isf(ALPHA / (2 * k))
    b = np.array([base.get(x, 0) / n for x in cats])
    c = np.array([cur.get(x, 0) / m for x in cats])
    q = (b * n + c * m) / (n + m)
    noise = zk * np.sqrt(q * (1 - q) * inv)
    ratios = np.abs(c - b) / np.maximum(0.05, np.nextafter(noise, np.inf))
    i = int(np.argmax(ratios))
    out = [effect("share_move", abs(c[i] - b[i]), noise[i])]
    chi = stats.chi2.isf(ALPHA, k - 1) if k > 1 else 0.0
    out.append(effect("js_distance", float(distance.jensenshannon(b, c, base=2)),
                      math.sqrt(2 * math.log(2) * inv * chi / 8 / math.log(2))))
    unseen = [x for x in cats if base.get(x, 0) == 0 and cur.get(x, 0) > 0]
    if unseen:
        count = math.ceil(math.log(ALPHA / len(unseen)) / math.log(m / (n + m)))
        largest = max(cur[x] for x in unseen)
        out.append(effect("new_category", largest / m, (count - 0.5) / m))
    return out


def fixture(name, kind, base, cur, base_missing=0, cur_missing=0):
    if kind == "numeric":
        effects = numeric(np.asarray(base, float), np.asarray(cur, float))
        n, m = len(base), len(cur)
        item = dict(name=name, type=kind, baseline=[float(round(v, 6)) for v in base],
                    current=[float(round(v, 6)) for v in cur])
    else:
        effects = categorical(base, cur)
        n, m = sum(base.values()), sum(cur.values())
        item = dict(name=name, type=kind, baseline=base, current=cur)
    item.update(baseline_missing=base_missing, current_missing=cur_missing)
    effects.append(missing(n + base_missing, base_missing, m + cur_missing, cur_missing))
    score = max(e["ratio"] for e in effects)
    item["expected"] = dict(effects=effects, score=score, drifted=bool(score >= 1))
    return item


def rounded(a):
    return [round(float(v), 6) for v in a]


def main():
    fixtures = []
    rng = np.random.default_rng(1201)
    base = rounded(rng.normal(0, 1, 1500))
    fixtures.append(fixture("normal same distribution", "numeric", base, rounded(rng.normal(0, 1, 1000)), 30, 20))
    fixtures.append(fixture("normal shift 0.3 sigma", "numeric", base, rounded(rng.normal(0.3, 1, 1000))))
    fixtures.append(fixture("normal spread x1.3", "numeric", base, rounded(rng.normal(0, 1.3, 1000))))
    fixtures.append(fixture("normal spread x0.7", "numeric", base, rounded(rng.normal(0, 0.7, 1000))))
    fixtures.append(fixture("normal small windows shift 0.3", "numeric", rounded(rng.normal(0, 1, 60)),
                            rounded(rng.normal(0.3, 1, 40))))
    t_base = rounded(rng.standard_t(2, 2000))
    fixtures.append(fixture("t2 same distribution", "numeric", t_base, rounded(rng.standard_t(2, 2000))))
    fixtures.append(fixture("t2 spread x1.5", "numeric", t_base, rounded(1.5 * rng.standard_t(2, 2000))))
    fixtures.append(fixture("lognormal upper tail +5%", "numeric", rounded(rng.lognormal(0, 1, 2000)),
                            rounded(np.concatenate([rng.lognormal(0, 1, 1900), rng.uniform(12, 40, 100)]))))
    p_base = [float(v) for v in rng.poisson(3, 5000)]
    fixtures.append(fixture("poisson same distribution", "numeric", p_base, [float(v) for v in rng.poisson(3, 5000)]))
    fixtures.append(fixture("poisson shift", "numeric", p_base, [float(v) for v in rng.poisson(3.6, 5000)]))
    fixtures.append(fixture("normal missing 1% -> 8%", "numeric", base, rounded(rng.normal(0, 1, 1000)), 15, 87))
    cats = ["c%d" % i for i in range(5)]

    def counts(p, n, extra=None):
        draws = rng.choice(len(p), size=n, p=np.asarray(p) / sum(p))
        names = cats + ([extra] if extra else [])
        out = {}
        for d in draws:
            out[names[d]] = out.get(names[d], 0) + 1
        return dict(sorted(out.items()))

    zipf = [1 / (i + 1) for i in range(5)]
    cbase = counts(zipf, 4000)
    fixtures.append(fixture("categorical same distribution", "categorical", cbase, counts(zipf, 3000)))
    moved = list(np.asarray(zipf) / sum(zipf))
    moved[0] -= 0.1
    moved[1] += 0.1
    fixtures.append(fixture("categorical 10-point move", "categorical", cbase, counts(moved, 3000)))
    novel = list(np.asarray(zipf) / sum(zipf) * 0.97) + [0.03]
    fixtures.append(fixture("categorical new category 3%", "categorical", cbase, counts(novel, 3000, "enterprise")))
    fixtures.append(fixture("categorical new category 0.3%", "categorical", cbase,
                            counts(list(np.asarray(zipf) / sum(zipf) * 0.997) + [0.003], 3000, "rare")))
    fixtures.append(fixture("categorical missing 0 -> 3%", "categorical", cbase, counts(zipf, 3000), 0, 93))
    OUT.write_text(json.dumps(dict(generator="tools/reference/effects_reference.py", numpy=np.__version__,
                                   scipy=scipy.__version__, fixtures=fixtures), separators=(",", ":")) + "\n")
    for f in fixtures:
        print(f["name"], round(f["expected"]["score"], 3), f["expected"]["drifted"])


if __name__ == "__main__":
    main()
