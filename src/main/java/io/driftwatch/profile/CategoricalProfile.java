package io.driftwatch.profile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Profile of a categorical feature: the exact count of every category seen, plus missing values.
 * <p>
 * A <em>category</em> is a non-null string compared with {@link String#equals}; the empty string is a category.
 * {@link #count()} is the number of non-null values. Memory grows with the number of distinct categories (not with
 * rows), so a high-cardinality identifier column is not a good categorical feature. Not thread-safe.
 */
public final class CategoricalProfile implements FeatureProfile {

    private final Map<String, long[]> table = new HashMap<>();
    private long count;
    private long missing;
    private Map<String, Long> sortedView; // rebuilt lazily, dropped on every change

    private CategoricalProfile() {
    }

    /** An empty profile. */
    public static CategoricalProfile create() {
        return new CategoricalProfile();
    }

    /** Rebuilds a profile from decoded (category, count) pairs with positive counts and no duplicates. */
    static CategoricalProfile restore(long missing, Map<String, Long> counts) {
        CategoricalProfile profile = new CategoricalProfile();
        counts.forEach((value, n) -> profile.add(value, n));
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

    /** Folds {@code other} into this profile; the result describes the concatenation of both inputs. */
    public void merge(CategoricalProfile other) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(other.counts().entrySet());
        long otherMissing = other.missing;
        for (Map.Entry<String, Long> entry : entries) {
            add(entry.getKey(), entry.getValue());
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

    /** Count of one category, 0 if never seen. */
    public long countOf(String category) {
        long[] cell = table.get(category);
        return cell == null ? 0 : cell[0];
    }

    /** Number of distinct categories. */
    public int distinctCount() {
        return table.size();
    }

    /** Category counts, unmodifiable, ordered by count descending then category ascending ({@link String#compareTo}). */
    public Map<String, Long> counts() {
        if (sortedView == null) {
            List<Map.Entry<String, long[]>> entries = new ArrayList<>(table.entrySet());
            entries.sort((a, b) -> {
                int byCount = Long.compare(b.getValue()[0], a.getValue()[0]);
                return byCount != 0 ? byCount : a.getKey().compareTo(b.getKey());
            });
            Map<String, Long> view = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> entry : entries) {
                view.put(entry.getKey(), entry.getValue()[0]);
            }
            sortedView = Collections.unmodifiableMap(view);
        }
        return sortedView;
    }

    @Override
    public byte[] toBytes() {
        return ProfileCodec.encode(this);
    }

    @Override
    public String toString() {
        return "CategoricalProfile[count=" + count + ", missing=" + missing + ", categories=" + table.size() + "]";
    }

    private void add(String value, long n) {
        table.computeIfAbsent(value, key -> new long[1])[0] += n;
        count += n;
        sortedView = null;
    }
}
