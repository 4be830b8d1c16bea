package io.driftwatch.profile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Profile of a categorical feature: category counts plus missing values, in one of two modes.
 * <ul>
 *   <li><em>exact mode</em>: while the number of distinct categories is at most the <em>cap</em>
 *       ({@link #DEFAULT_EXACT_DISTINCT_CAP} unless {@link #create(int)} says otherwise), every category is kept with
 *       its exact count.</li>
 *   <li><em>sketch mode</em>: once a category beyond the cap arrives, the profile converts, irreversibly, to a
 *       <em>hashed sketch</em>. Each category has a fixed 64-bit <em>hash key</em> (its {@link String#hashCode()},
 *       mixed; ties broken by the string). The {@value #NAMED_CATEGORIES} categories with the smallest keys, the
 *       <em>named</em> categories, keep exact counts; every other category is counted in one of {@value #BUCKETS}
 *       <em>hash buckets</em> chosen by its key. Memory no longer grows with the number of distinct values (an
 *       identifier column declared categorical).</li>
 * </ul>
 * <b>Determinism.</b> Which categories are named depends on the set of categories only, never on the order of rows:
 * a category with one of the smallest keys of the whole input had one of them from its first row on, so its count is
 * exact; every other category's rows are in its bucket. So the profile, its bytes and every count read from it are
 * functions of the multiset of values: any order, slicing or merge order gives bit-identical profiles, and a merge of
 * parts equals one pass.
 * <p>
 * <b>What sketch mode sees.</b> {@link #counts()} holds the named categories and one entry per non-empty bucket
 * labelled {@link #bucketLabel(int)}; every entry is an exact count, and they sum to {@link #count()}. A category that
 * is not named is known only through its bucket: its share is between 0 and the bucket's share, so
 * {@link #shareErrorBound()} bounds the error of any category's share. Two profiles compared by a drift method are
 * first put on common terms by {@link #comparable}. The hash keys are uniform over categories, not weighted by count,
 * so frequent categories are usually not named, but each sits in a bucket it shares with about
 * {@code distinct / BUCKETS} rare ones, so changes in their shares show in their buckets.
 * <p>
 * A <em>category</em> is a non-null string compared with {@link String#equals}; the empty string is a category.
 * {@link #count()} is the number of non-null values and, like {@link #missing()}, is exact in both modes.
 * Not thread-safe.
 */
public final class CategoricalProfile implements FeatureProfile {

    /** Default number of distinct categories kept exactly before switching to sketch mode. */
    public static final int DEFAULT_EXACT_DISTINCT_CAP = 10_000;
    /** Largest accepted cap. */
    public static final int MAX_EXACT_DISTINCT_CAP = 10_000_000;
    /** Number of categories a sketch names with exact counts: those with the smallest hash keys. */
    public static final int NAMED_CATEGORIES = 1_024;
    /** Number of hash buckets of a sketch (a power of two). */
    public static final int BUCKETS = 4_096;

    private final int exactDistinctCap;
    private Map<String, long[]> table = new HashMap<>(); // exact mode: every category; sketch mode: the named ones
    private long[] buckets;                               // null while in exact mode
    private PriorityQueue<String> namedByKey;             // sketch mode: named categories, largest key first
    private long largestNamedHash;                        // hash key of namedByKey.peek() once the sketch is full
    private long count;
    private long missing;
    private Map<String, Long> sortedView; // rebuilt lazily, dropped on every change

    private CategoricalProfile(int exactDistinctCap) {
        if (exactDistinctCap < 1 || exactDistinctCap > MAX_EXACT_DISTINCT_CAP) {
            throw new IllegalArgumentException("categorical exact distinct cap must be within [1, "
                    + MAX_EXACT_DISTINCT_CAP + "] but was " + exactDistinctCap);
        }
        this.exactDistinctCap = exactDistinctCap;
    }

    /** An empty profile with {@link #DEFAULT_EXACT_DISTINCT_CAP}. */
    public static CategoricalProfile create() {
        return new CategoricalProfile(DEFAULT_EXACT_DISTINCT_CAP);
    }

    /**
     * An empty profile that stays exact up to {@code exactDistinctCap} distinct categories.
     *
     * @throws IllegalArgumentException unless 1 &lt;= cap &lt;= {@link #MAX_EXACT_DISTINCT_CAP}
     */
    public static CategoricalProfile create(int exactDistinctCap) {
        return new CategoricalProfile(exactDistinctCap);
    }

    /** Rebuilds an exact profile from decoded (category, count) pairs with positive counts and no duplicates. */
    static CategoricalProfile restore(int cap, long missing, Map<String, Long> counts) {
        CategoricalProfile profile = new CategoricalProfile(cap);
        counts.forEach((value, n) -> profile.add(value, n));
        profile.missing = missing;
        return profile;
    }

    /**
     * Rebuilds a sketch-mode profile from decoded state: the named categories' counts and the bucket counts.
     *
     * @throws IllegalArgumentException if more categories are named than a sketch names, or a named category's key is
     *                                  not among the smallest (the bytes were not written by this codec)
     */
    static CategoricalProfile restoreSketch(int cap, long missing, Map<String, Long> named, long[] bucketCounts) {
        CategoricalProfile profile = new CategoricalProfile(cap);
        profile.toSketch();
        for (int i = 0; i < BUCKETS; i++) {
            profile.buckets[i] = bucketCounts[i];
            profile.count += bucketCounts[i];
        }
        named.forEach((value, n) -> profile.add(value, n));
        if (profile.table.size() != named.size()) {
            throw new IllegalArgumentException("a sketch names at most " + NAMED_CATEGORIES
                    + " categories, those with the smallest hash keys, but the profile names " + named.size());
        }
        profile.missing = missing;
        return profile;
    }

    @Override
    public FeatureType type() {
        return FeatureType.CATEGORICAL;
    }

    /** Counts one value; null counts as missing. */
    public void add(String value) {
        if (value == null) {
            missing++;
        } else {
            addCounted(value, 1);
        }
    }

    /** Counts one SQL NULL. */
    public void addMissing() {
        missing++;
    }

    /**
     * Counts {@code times} occurrences of one value at once (null: missing), as {@code times} calls of
     * {@link #add(String)} would.
     *
     * @throws IllegalArgumentException if {@code times} is negative
     */
    public void add(String value, long times) {
        if (times < 0) {
            throw new IllegalArgumentException("a value is counted a non-negative number of times but was " + times);
        }
        if (times == 0) {
            return;
        }
        if (value == null) {
            missing += times;
        } else {
            addCounted(value, times);
        }
    }

    /**
     * Folds {@code other} into this profile; the result describes the union of both inputs and is the profile one pass
     * over both would give. It keeps this profile's cap and is in sketch mode if either input was or if the union of
     * categories exceeds the cap. {@code other} is not changed.
     */
    public void merge(CategoricalProfile other) {
        long otherMissing = other.missing;
        long[] otherBuckets = other.buckets == null ? null : other.buckets.clone();
        List<Map.Entry<String, long[]>> entries = new ArrayList<>(other.table.entrySet());
        if (otherBuckets != null && buckets == null) {
            toSketch();
        }
        for (Map.Entry<String, long[]> entry : entries) {
            addCounted(entry.getKey(), entry.getValue()[0]);
        }
        if (otherBuckets != null) {
            for (int i = 0; i < BUCKETS; i++) {
                buckets[i] += otherBuckets[i];
                count += otherBuckets[i];
            }
        }
        missing += otherMissing;
        sortedView = null;
    }

    /**
     * The two profiles on common terms, for comparing them: unchanged if both are exact; otherwise both in sketch form
     * with the same named categories, those whose hash keys are at most the smaller of the two sketches' largest named
     * key (a category named on one side only is moved into its bucket), so every entry of one's {@link #counts()}
     * means the same as the same entry of the other's. Exact counts stay exact; the inputs are not changed.
     */
    public static CategoricalProfile[] comparable(CategoricalProfile baseline, CategoricalProfile current) {
        if (baseline.isExact() && current.isExact()) {
            return new CategoricalProfile[]{baseline, current};
        }
        String limit = smaller(baseline.largestNamed(), current.largestNamed());
        return new CategoricalProfile[]{baseline.namedUpTo(limit), current.namedUpTo(limit)};
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public long missing() {
        return missing;
    }

    /** The cap on distinct categories kept exactly. */
    public int exactDistinctCap() {
        return exactDistinctCap;
    }

    /** Whether every category is counted by name (false once in sketch mode). */
    public boolean isExact() {
        return buckets == null;
    }

    /**
     * The largest error of a single category's share as estimated from {@link #counts()}: 0 in exact mode; in sketch
     * mode the largest bucket's share of {@link #count()}, since a named category's count is exact and any other
     * category's share lies between 0 and its bucket's share. A drift score over the bins of {@link #counts()} is
     * exactly the score of the categories pooled by bucket: for PSI, KL, Jensen-Shannon and Hellinger never more than
     * the score over every category (pooling never increases an f-divergence).
     */
    public double shareErrorBound() {
        if (buckets == null || count == 0) {
            return 0.0;
        }
        long largest = 0;
        for (long n : buckets) {
            largest = Math.max(largest, n);
        }
        return (double) largest / count;
    }

    /** The label of hash bucket {@code index} among the {@link #counts()} entries of a sketch-mode profile. */
    public static String bucketLabel(int index) {
        return String.format(java.util.Locale.ROOT, "(hash bucket %04d)", index);
    }

    /**
     * Count of one category, 0 if never seen; in sketch mode, the {@link #counts()} entry: exact for a named category
     * or a bucket label, 0 for a category counted in a bucket.
     */
    public long countOf(String category) {
        if (buckets != null) {
            return counts().getOrDefault(category, 0L);
        }
        long[] cell = table.get(category);
        return cell == null ? 0 : cell[0];
    }

    /** Number of distinct categories; in sketch mode, the number of {@link #counts()} entries. */
    public int distinctCount() {
        return buckets == null ? table.size() : counts().size();
    }

    /**
     * Category counts, unmodifiable, ordered by count descending then category ascending ({@link String#compareTo}).
     * In exact mode, every category with its exact count. In sketch mode, every named category with its exact count
     * and every non-empty bucket under {@link #bucketLabel(int)} (a real category spelled like a bucket label adds to
     * it); the values sum to {@code count()}.
     */
    public Map<String, Long> counts() {
        if (sortedView == null) {
            Map<String, Long> raw = new HashMap<>();
            table.forEach((key, cell) -> raw.put(key, cell[0]));
            if (buckets != null) {
                for (int i = 0; i < BUCKETS; i++) {
                    if (buckets[i] > 0) {
                        raw.merge(bucketLabel(i), buckets[i], Long::sum);
                    }
                }
            }
            List<Map.Entry<String, Long>> entries = new ArrayList<>(raw.entrySet());
            entries.sort((a, b) -> {
                int byCount = Long.compare(b.getValue(), a.getValue());
                return byCount != 0 ? byCount : a.getKey().compareTo(b.getKey());
            });
            Map<String, Long> view = new LinkedHashMap<>();
            for (Map.Entry<String, Long> entry : entries) {
                view.put(entry.getKey(), entry.getValue());
            }
            sortedView = Collections.unmodifiableMap(view);
        }
        return sortedView;
    }

    /** Named categories and their exact counts, ascending by category, for the codec; null in exact mode. */
    Map<String, Long> namedCounts() {
        if (buckets == null) {
            return null;
        }
        List<String> names = new ArrayList<>(table.keySet());
        Collections.sort(names);
        Map<String, Long> named = new LinkedHashMap<>();
        for (String name : names) {
            named.put(name, table.get(name)[0]);
        }
        return named;
    }

    /** Bucket counts (a copy) for the codec; null in exact mode. */
    long[] bucketCounts() {
        return buckets == null ? null : buckets.clone();
    }

    @Override
    public byte[] toBytes() {
        return ProfileCodec.encode(this);
    }

    @Override
    public String toString() {
        return "CategoricalProfile[count=" + count + ", missing=" + missing
                + (buckets == null ? ", categories=" + table.size()
                : ", sketch, named=" + table.size() + ", shareErrorBound=" + shareErrorBound()) + "]";
    }

    /** The fixed 64-bit hash key of a category (compared unsigned, ties broken by the string). */
    static long hashKey(String category) {
        long h = category.hashCode() * 0x9E3779B97F4A7C15L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    static int compareKeys(String a, String b) {
        int byHash = Long.compareUnsigned(hashKey(a), hashKey(b));
        return byHash != 0 ? byHash : a.compareTo(b);
    }

    private void addCounted(String value, long n) {
        count += n;
        sortedView = null;
        if (buckets != null && table.size() >= NAMED_CATEGORIES) {
            // Most values of a full sketch belong in a bucket: decide by hash before looking the name up.
            long hash = hashKey(value);
            int byHash = Long.compareUnsigned(hash, largestNamedHash);
            if (byHash > 0 || (byHash == 0 && value.compareTo(namedByKey.peek()) > 0)) {
                buckets[(int) hash & (BUCKETS - 1)] += n;
                return;
            }
        }
        long[] cell = table.get(value);
        if (cell != null) {
            cell[0] += n;
            return;
        }
        if (buckets == null) {
            table.put(value, new long[]{n});
            if (table.size() > exactDistinctCap) {
                toSketch();
            }
            return;
        }
        if (table.size() == NAMED_CATEGORIES) {
            // Only reached with a key below the largest named one (see above): it takes that one's place.
            String evicted = namedByKey.poll();
            buckets[bucketOf(evicted)] += table.remove(evicted)[0];
        }
        table.put(value, new long[]{n});
        namedByKey.add(value);
        if (table.size() == NAMED_CATEGORIES) {
            largestNamedHash = hashKey(namedByKey.peek());
        }
    }

    private static int bucketOf(String category) {
        return (int) hashKey(category) & (BUCKETS - 1);
    }

    private void toSketch() {
        Map<String, long[]> all = table;
        table = new HashMap<>();
        namedByKey = new PriorityQueue<>((a, b) -> compareKeys(b, a));
        buckets = new long[BUCKETS];
        long total = count;
        count = 0;
        all.forEach((key, cell) -> add(key, cell[0]));
        count = total;
        sortedView = null;
    }

    /** The largest named key, or null when every category seen is named (exact mode, or a sketch not yet full). */
    private String largestNamed() {
        return buckets == null || table.size() < NAMED_CATEGORIES ? null : namedByKey.peek();
    }

    private static String smaller(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return compareKeys(a, b) <= 0 ? a : b;
    }

    /** This profile in sketch form, naming only categories with keys up to {@code limit} (null: no limit). */
    private CategoricalProfile namedUpTo(String limit) {
        CategoricalProfile view = new CategoricalProfile(exactDistinctCap);
        view.toSketch();
        view.buckets = buckets == null ? new long[BUCKETS] : buckets.clone();
        table.forEach((category, cell) -> {
            if (limit == null || compareKeys(category, limit) <= 0) {
                view.table.put(category, new long[]{cell[0]});
                view.namedByKey.add(category);
            } else {
                view.buckets[bucketOf(category)] += cell[0];
            }
        });
        view.count = count;
        view.missing = missing;
        return view;
    }
}
