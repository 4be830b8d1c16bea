package io.driftwatch.profile;

/**
 * The fixed inputs behind the committed golden files in {@code src/test/resources/golden/}. Changing them requires
 * regenerating the files with {@link GoldenProfileFilesTest#regenerate()}.
 */
final class GoldenProfiles {

    /** Format 1 with running mean and M2 (no longer written; still read, they are recomputed). */
    static final String NUMERIC_EXACT_V1 = "numeric-exact-v1.bin";
    /** Format 1 t-digests of compression 200 and 600, and a format 2 frequent-items sketch: refused. */
    static final String NUMERIC_TDIGEST_COMPRESSION_200 = "numeric-sketch-v1.bin";
    static final String NUMERIC_TDIGEST = "numeric-sketch-compression600-v1.bin";
    static final String CATEGORICAL_FREQUENT_ITEMS = "categorical-sketch-v2.bin";
    static final String NUMERIC_EXACT = "numeric-exact-v3.bin";
    static final String NUMERIC_SKETCH = "numeric-sketch-v3.bin";
    static final String NUMERIC_SKETCH_COLLAPSED = "numeric-sketch-collapsed-v3.bin";
    static final String CATEGORICAL = "categorical-v1.bin";
    static final String CATEGORICAL_SKETCH = "categorical-sketch-v3.bin";

    private GoldenProfiles() {
    }

    /** 1.5, 2.5, 2.5, -0.0, 10 plus NaN, +Infinity and two NULLs. */
    static NumericProfile numericExact() {
        NumericProfile profile = NumericProfile.create(100_000); // the golden file was written with this cap
        for (double v : new double[]{1.5, 2.5, Double.NaN, 2.5, -0.0, Double.POSITIVE_INFINITY, 10}) {
            profile.add(v);
        }
        profile.addMissing();
        profile.addMissing();
        return profile;
    }

    /** 1, 2, ..., 100 with cap 8, so the profile is a sketch (one bucket per value). */
    static NumericProfile numericSketch() {
        NumericProfile profile = NumericProfile.create(8);
        for (int i = 1; i <= 100; i++) {
            profile.add(i);
        }
        return profile;
    }

    /**
     * 20,000 values {@code (i * 0.37) % 1000 - 400} with cap 8: more distinct values than buckets, so the sketch has
     * collapsed to a coarser shift.
     */
    static NumericProfile numericSketchCollapsed() {
        NumericProfile profile = NumericProfile.create(8);
        for (int i = 0; i < 20_000; i++) {
            profile.add((i * 0.37) % 1_000 - 400);
        }
        return profile;
    }

    /** red x3, green x2, blue x2, "" x1, "ünïcødé" x1, and two NULLs. */
    static CategoricalProfile categorical() {
        CategoricalProfile profile = CategoricalProfile.create();
        for (String v : new String[]{"red", "green", null, "blue", "red", "", "ünïcødé", "green", "blue", "red", null}) {
            profile.add(v);
        }
        return profile;
    }

    /**
     * Cap 4; "a" x 3,000, "b" x 1,000, "c" x 500, then "id-0" ... "id-3499" once each (more than the named
     * categories, so some are in buckets), and one NULL.
     */
    static CategoricalProfile categoricalSketch() {
        CategoricalProfile profile = CategoricalProfile.create(4);
        for (int i = 0; i < 3_000; i++) {
            profile.add("a");
            if (i < 1_000) {
                profile.add("b");
            }
            if (i < 500) {
                profile.add("c");
            }
        }
        for (int i = 0; i < 3_500; i++) {
            profile.add("id-" + i);
        }
        profile.addMissing();
        return profile;
    }
}
