package io.driftwatch.drift;

import io.driftwatch.profile.CategoricalProfile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The union of two windows' categories and the orderings the methods rely on. */
final class Categories {

    /** Python's string order: by Unicode code point (String.compareTo compares UTF-16 units instead). */
    static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private Categories() {
    }

    /**
     * Every category of either window: the baseline's in {@link CategoricalProfile#counts()} order (count descending,
     * then category ascending), then the categories unseen in the baseline, sorted. For sketch-mode profiles, pass
     * the pair from {@link CategoricalProfile#comparable}, so the bins mean the same on both sides.
     */
    static List<String> union(CategoricalProfile baseline, CategoricalProfile current) {
        Set<String> categories = new LinkedHashSet<>(baseline.counts().keySet());
        List<String> unseen = new ArrayList<>();
        for (String category : current.counts().keySet()) {
            if (!categories.contains(category)) {
                unseen.add(category);
            }
        }
        Collections.sort(unseen);
        categories.addAll(unseen);
        return new ArrayList<>(categories);
    }

    /** Whether both profiles hold exact category counts (neither is in sketch mode). */
    static boolean exact(CategoricalProfile baseline, CategoricalProfile current) {
        return baseline.isExact() && current.isExact();
    }

    /**
     * Says which categorical profile is sketched and what the bins are: named categories with exact counts and hash
     * buckets pooling the others (see {@link CategoricalProfile}), with each side's
     * {@link CategoricalProfile#shareErrorBound()}.
     */
    static String approximation(CategoricalProfile baseline, CategoricalProfile current) {
        String which = !baseline.isExact() && !current.isExact() ? "both profiles are"
                : !baseline.isExact() ? "the baseline profile is" : "the current profile is";
        return which + " in sketch mode (more distinct categories than the exact cap), so categories outside the "
                + CategoricalProfile.NAMED_CATEGORIES + " named ones (those with the smallest hash keys) are compared"
                + " pooled in " + CategoricalProfile.BUCKETS + " hash buckets; every bin count is exact, and a single"
                + " category's share is known within the largest bucket's share (baseline " + bound(baseline)
                + ", current " + bound(current) + "); pooling never raises psi, kl, js or hellinger";
    }

    private static String bound(CategoricalProfile profile) {
        return "n=" + profile.count() + ", share error bound "
                + String.format(Locale.ROOT, "%.6g", profile.shareErrorBound());
    }

    /** Categories of {@code current} that the baseline never saw, sorted. */
    static List<String> unseen(CategoricalProfile baseline, CategoricalProfile current) {
        List<String> unseen = new ArrayList<>();
        for (String category : current.counts().keySet()) {
            if (baseline.countOf(category) == 0) {
                unseen.add(category);
            }
        }
        Collections.sort(unseen);
        return unseen;
    }
}
