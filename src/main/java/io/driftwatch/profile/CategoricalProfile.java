package io.driftwatch.profile;

import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Profile of a categorical feature: category counts plus missing values, in one of two modes.
 * <ul>
 *   <li><em>exact mode</em>: while the number of distinct categories is at most the <em>cap</em>
 *       ({@link #DEFAULT_EXACT_DISTINCT_CAP} unless {@link #create(int)} says otherwise), every category is kept with
 *       its exact count.</li>
 *   <li><em>sketch mode</em>: once a category beyond the cap arrives, the profile converts, irreversibly, to an Apache
 *       DataSketches frequent-items sketch ({@link ItemsSketch}, max map size {@link #SKETCH_MAX_MAP_SIZE}), which
 *       retains at most {@code 0.75 * SKETCH_MAX_MAP_SIZE} categories, so memory no longer grows with the number of
 *       distinct values (an identifier column declared categorical). Each retained category's estimate is a lower
 *       bound of its true count and at most {@link #maximumError()} below it; a category not retained has a true count
 *       of at most {@link #maximumError()}. The error is at most about {@code epsilon * count()} with
 *       {@code epsilon = 3.5 / SKETCH_MAX_MAP_SIZE} (about 0.00085), see {@link ItemsSketch#getEpsilon(int)}.</li>
 * </ul>
 * A <em>category</em> is a non-null string compared with {@link String#equals}; the empty string is a category.
 * {@link #count()} is the number of non-null values and, like {@link #missing()}, is exact in both modes.
 * Not thread-safe.
 */
public final class CategoricalProfile implements FeatureProfile {

    /** Default number of distinct categories kept exactly before switching to sketch mode. */
    public static final int DEFAULT_EXACT_DISTINCT_CAP = 10_000;
    /** Largest accepted cap. */
    public static final int MAX_EXACT_DISTINCT_CAP = 10_000_000;
    /** Max map size of the frequent-items sketch (a power of two); it retains at most 3/4 of this many items. */
    public static final int SKETCH_MAX_MAP_SIZE = 4096;
    /**
     * In sketch mode, the {@link #counts()} key that pools every category the sketch does not retain (and a real
     * category spelled the same way, if the sketch retains one).
     */
    public static final String OTHER = "(other)";

    private final int exactDistinctCap;
    private Map<String, long[]> table = new HashMap<>(); // null once in sketch mode
    private ItemsSketch<String> sketch;                   // null while in exact mode
    private long carriedError; // error of sketches this one was rebuilt or merged from, beyond sketch's own
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
     * Rebuilds a sketch-mode profile from decoded state: the retained (category, lower bound) pairs, the maximum
     * error, and the exact count and missing.
     */
    static CategoricalProfile restoreSketch(int cap, long count, long missing, long maximumError,
                                            Map<String, Long> lowerBounds) {
        CategoricalProfile profile = new CategoricalProfile(cap);
        profile.table = null;
        profile.sketch = new ItemsSketch<>(SKETCH_MAX_MAP_SIZE);
        lowerBounds.forEach(profile.sketch::update);
        // Re-inserting at most 3/4 of the map size never purges, so the rebuilt sketch's own error is 0.
        profile.carriedError = maximumError - profile.sketch.getMaximumError();
        profile.count = count;
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
            add(value, 1);
        }
    }

    /** Counts one SQL NULL. */
    public void addMissing() {
        missing++;
    }

    /**
     * Folds {@code other} into this profile; the result describes the concatenation of both inputs. It keeps this
     * profile's cap and is in sketch mode if either input was or if the union of categories exceeds the cap; sketches
     * merge with {@link ItemsSketch#merge}, and their maximum errors add up. {@code other} is not changed.
     */
    public void merge(CategoricalProfile other) {
        long otherMissing = other.missing;
        if (other.sketch == null) {
            List<Map.Entry<String, Long>> entries = new ArrayList<>(other.counts().entrySet());
            for (Map.Entry<String, Long> entry : entries) {
                add(entry.getKey(), entry.getValue());
            }
        } else {
            ItemsSketch<String> source = other == this ? copy(other.sketch) : other.sketch;
            long otherCarried = other.carriedError;
            long otherCount = other.count;
            if (sketch == null) {
                toSketch();
            }
            sketch.merge(source);
            carriedError += otherCarried;
            count += otherCount;
            sortedView = null;
        }
        missing += otherMissing;
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

    /** Whether every category count is exact (false once in sketch mode). */
    public boolean isExact() {
        return sketch == null;
    }

    /**
     * The largest amount by which an estimated category count can be below the true count (an estimate never exceeds
     * it); 0 in exact mode. At most about {@code 3.5 / SKETCH_MAX_MAP_SIZE * count()}.
     */
    public long maximumError() {
        return sketch == null ? 0 : sketch.getMaximumError() + carriedError;
    }

    /**
     * Count of one category, 0 if never seen. In sketch mode, the {@link #counts()} entry: the estimate of a retained
     * category, the pooled rest for {@link #OTHER}, 0 otherwise.
     */
    public long countOf(String category) {
        if (sketch != null) {
            return counts().getOrDefault(category, 0L);
        }
        long[] cell = table.get(category);
        return cell == null ? 0 : cell[0];
    }

    /** Number of distinct categories; in sketch mode, the number of {@link #counts()} entries. */
    public int distinctCount() {
        return sketch == null ? table.size() : counts().size();
    }

    /**
     * Category counts, unmodifiable, ordered by count descending then category ascending ({@link String#compareTo}).
     * In exact mode, every category with its exact count. In sketch mode, every retained category with its estimate
     * (a lower bound, at most {@link #maximumError()} below the true count), plus one entry {@link #OTHER} holding
     * the rest of {@link #count()}, so the values still sum to {@code count()} and shares to 1.
     */
    public Map<String, Long> counts() {
        if (sortedView == null) {
            Map<String, Long> raw = new HashMap<>();
            if (sketch == null) {
                table.forEach((key, cell) -> raw.put(key, cell[0]));
            } else {
                long retained = 0;
                for (ItemsSketch.Row<String> row : sketch.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES)) {
                    if (row.getLowerBound() > 0) {
                        raw.merge(row.getItem(), row.getLowerBound(), Long::sum);
                        retained += row.getLowerBound();
                    }
                }
                if (count - retained > 0) {
                    raw.merge(OTHER, count - retained, Long::sum);
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

    /**
     * Retained (category, lower bound) pairs of the sketch, for the codec, ordered by lower bound descending then
     * category ascending (so a decoded profile encodes to the same bytes); null in exact mode.
     */
    Map<String, Long> sketchLowerBounds() {
        if (sketch == null) {
            return null;
        }
        List<ItemsSketch.Row<String>> rows = new ArrayList<>();
        for (ItemsSketch.Row<String> row : sketch.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES)) {
            if (row.getLowerBound() > 0) {
                rows.add(row);
            }
        }
        rows.sort((a, b) -> {
            int byCount = Long.compare(b.getLowerBound(), a.getLowerBound());
            return byCount != 0 ? byCount : a.getItem().compareTo(b.getItem());
        });
        Map<String, Long> items = new LinkedHashMap<>();
        for (ItemsSketch.Row<String> row : rows) {
            items.put(row.getItem(), row.getLowerBound());
        }
        return items;
    }

    @Override
    public byte[] toBytes() {
        return ProfileCodec.encode(this);
    }

    @Override
    public String toString() {
        return "CategoricalProfile[count=" + count + ", missing=" + missing
                + (sketch == null ? ", categories=" + table.size()
                : ", sketch, retained=" + sketch.getNumActiveItems() + ", maxError=" + maximumError()) + "]";
    }

    private void add(String value, long n) {
        if (sketch != null) {
            sketch.update(value, n);
        } else {
            table.computeIfAbsent(value, key -> new long[1])[0] += n;
            if (table.size() > exactDistinctCap) {
                toSketch();
            }
        }
        count += n;
        sortedView = null;
    }

    private void toSketch() {
        ItemsSketch<String> converted = new ItemsSketch<>(SKETCH_MAX_MAP_SIZE);
        table.forEach((key, cell) -> converted.update(key, cell[0]));
        sketch = converted;
        table = null;
        sortedView = null;
    }

    private static ItemsSketch<String> copy(ItemsSketch<String> source) {
        ItemsSketch<String> copy = new ItemsSketch<>(SKETCH_MAX_MAP_SIZE);
        copy.merge(source);
        return copy;
    }
}
