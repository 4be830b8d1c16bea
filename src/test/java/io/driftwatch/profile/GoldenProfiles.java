package io.driftwatch.profile;

/**
 * The fixed inputs behind the committed golden files in {@code src/test/resources/golden/}. Changing them requires
 * regenerating the files with {@link GoldenProfileFilesTest#regenerate()}.
 */
final class GoldenProfiles {

    static final String NUMERIC_EXACT = "numeric-exact-v1.bin";
    static final String NUMERIC_SKETCH = "numeric-sketch-v1.bin";
    static final String CATEGORICAL = "categorical-v1.bin";

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
}
