package io.driftwatch.source;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.driftwatch.config.Monitor;
import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.FeatureType;
import io.driftwatch.profile.NumericProfile;

/**
 * The segment side of one pass: for every row, each segment column's value picks the segment whose
 * profiles the row's features update as well. Segments are fixed by the {@link SegmentPlan}s, so
 * memory is bounded by plans times features, whatever the number of distinct values.
 */
final class SegmentedPass {

    /** One segment's profiles (in feature order) and rows. */
    private static final class Slot {
        final String label;
        final FeatureProfile[] profiles;
        long rows;

        Slot(String label, List<Monitor.Feature> features) {
            this.label = label;
            this.profiles = new FeatureProfile[features.size()];
            for (int i = 0; i < profiles.length; i++) {
                profiles[i] = features.get(i).type() == FeatureType.NUMERIC ? NumericProfile.create()
                        : CategoricalProfile.create();
            }
        }
    }

    /** Per plan: its named slots by value, then its missing and other slots. */
    private final List<Map<String, Slot>> named = new ArrayList<>();
    private final List<Slot> missing = new ArrayList<>();
    private final List<Slot> other = new ArrayList<>();
    private final List<Slot> all = new ArrayList<>();
    private final List<Monitor.Feature> features;
    private final int firstColumn;

    /** @param firstColumn the result column of the first plan's segment column; the others follow it */
    SegmentedPass(List<Monitor.Feature> features, List<SegmentPlan> plans, int firstColumn) {
        this.features = features;
        this.firstColumn = firstColumn;
        for (SegmentPlan plan : plans) {
            Map<String, Slot> slots = new HashMap<>();
            for (String value : plan.values()) {
                Slot slot = new Slot(plan.segmentation().label(value), features);
                slots.put(value, slot);
                all.add(slot);
            }
            named.add(slots);
            Slot m = new Slot(plan.segmentation().label(Monitor.Segmentation.MISSING), features);
            Slot o = new Slot(plan.segmentation().label(Monitor.Segmentation.OTHER), features);
            missing.add(m);
            other.add(o);
            all.add(m);
            all.add(o);
        }
    }

    boolean isEmpty() {
        return named.isEmpty();
    }

    /** Adds the current row to its segment of every plan; {@code numeric[i]} says how feature column {@code i + 1} is read. */
    void add(ResultSet rs, boolean[] numeric) throws SQLException {
        for (int p = 0; p < named.size(); p++) {
            String value = rs.getString(firstColumn + p);
            Slot slot = value == null ? missing.get(p) : named.get(p).getOrDefault(value, other.get(p));
            slot.rows++;
            for (int i = 0; i < numeric.length; i++) {
                JdbcFeatureSource.update(rs, i + 1, numeric[i], slot.profiles[i]);
            }
        }
    }

    /**
     * Merges the first segmentation's segments into {@code population} (fresh profiles in feature order): they
     * partition the rows, and a merge of parts is bit-identical to one pass over the whole (see
     * {@link NumericProfile}), so each row's values are added once, to its segment, instead of twice.
     */
    void mergePopulation(FeatureProfile[] population) {
        List<Slot> first = new ArrayList<>(named.get(0).values());
        first.add(missing.get(0));
        first.add(other.get(0));
        for (Slot slot : first) {
            for (int i = 0; i < population.length; i++) {
                if (population[i] instanceof NumericProfile n) {
                    n.merge((NumericProfile) slot.profiles[i]);
                } else {
                    ((CategoricalProfile) population[i]).merge((CategoricalProfile) slot.profiles[i]);
                }
            }
        }
    }

    /** Every segment's profiles by label, in plan order (named segments, then missing and other). */
    Map<String, WindowProfile.Segment> result() {
        Map<String, WindowProfile.Segment> segments = new LinkedHashMap<>();
        for (Slot slot : all) {
            Map<String, FeatureProfile> byName = new LinkedHashMap<>();
            for (int i = 0; i < slot.profiles.length; i++) {
                byName.put(features.get(i).name(), slot.profiles[i]);
            }
            segments.put(slot.label, new WindowProfile.Segment(slot.rows, byName));
        }
        return segments;
    }
}
