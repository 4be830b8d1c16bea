package io.driftwatch.profile;

/**
 * The fixed inputs behind the committed golden files in {@code src/test/resources/golden/}. Changing them requires
 * regenerating the files with {@link GoldenProfileFilesTest#regenerate()}.
 */
final class GoldenProfiles {

    static final String NUMERIC_EXACT = "numeric-exact-v1.bin";
    /** Written with t-digest compression 200 (until sketches kept compression 600); still read. */
    static final String NUMERIC_SKETCH_COMPRESSION_200 = "numeric-sketch-v1.bin";
    static final String NUMERIC_SKETCH = "numeric-sketch-compression600-v1.bin";
    static final String CATEGORICAL = "categorical-v1.bin";
    static final String CATEGORICAL_SKETCH = "categorical-sketch-v2.bin";

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

    /** 1, 2, ..., 100 with cap 8, so the profile is a t-digest. */
    static NumericProfile numericSketch() {
        NumericProfile profile = NumericProfile.create(8);
        for (int i = 1; i <= 100; i++) {
            profile.add(i);
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
     * Cap 4; "a" x 3,000, "b" x 1,000, "c" x 500, then "id-0" ... "id-3499" once each (enough to make the sketch
     * purge, so its maximum error is positive), and one NULL.
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
