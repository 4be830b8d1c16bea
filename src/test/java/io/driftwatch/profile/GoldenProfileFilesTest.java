package io.driftwatch.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Profiles serialized by an earlier build must stay readable, or be refused with a message saying to profile again:
 * these files were written once and are committed. To regenerate the current format's files after an intentional
 * format change (bump the format version first, and keep the old files), run
 * {@code ./mvnw test -Dtest=GoldenProfileFilesTest -Ddriftwatch.regenerateGolden=true} and commit the new files.
 */
class GoldenProfileFilesTest {

    @Test
    void readsTheCommittedExactNumericProfiles() throws IOException {
        for (String file : new String[]{GoldenProfiles.NUMERIC_EXACT_V1, GoldenProfiles.NUMERIC_EXACT}) {
            NumericProfile profile = (NumericProfile) FeatureProfile.fromBytes(golden(file));

            assertThat(profile.isExact()).as(file).isTrue();
            assertThat(profile.count()).isEqualTo(5);
            assertThat(profile.missing()).isEqualTo(2);
            assertThat(profile.nanCount()).isEqualTo(1);
            assertThat(profile.infiniteCount()).isEqualTo(1);
            assertThat(profile.distinctCount()).isEqualTo(4);
            assertThat(profile.min()).isEqualTo(0.0);
            assertThat(profile.max()).isEqualTo(10.0);
            assertThat(profile.mean()).isCloseTo(3.3, within(1e-15));
            assertThat(profile.populationStd()).isCloseTo(Math.sqrt(12.06), within(1e-14));
            assertThat(profile.quantile(0.5)).isEqualTo(2.5);
            assertThat(profile.quantile(0.1)).isEqualTo(0.6000000000000001); // np.quantile gives the same bits
            assertThat(profile.countBelow(2.5)).isEqualTo(2);
            // read back, an old exact profile is written in the current format
            assertThat(profile.toBytes()).isEqualTo(golden(GoldenProfiles.NUMERIC_EXACT));
        }
    }

    @Test
    void readsTheCommittedSketchedNumericProfile() throws IOException {
        NumericProfile profile = (NumericProfile) FeatureProfile.fromBytes(golden(GoldenProfiles.NUMERIC_SKETCH));

        assertThat(profile.isExact()).isFalse();
        assertThat(profile.exactDistinctCap()).isEqualTo(8);
        assertThat(profile.count()).isEqualTo(100);
        assertThat(profile.min()).isEqualTo(1.0);
        assertThat(profile.max()).isEqualTo(100.0);
        assertThat(profile.mean()).isEqualTo(50.5);
        assertThat(profile.populationStd()).isEqualTo(Math.sqrt((100.0 * 100 - 1) / 12));
        assertThat(profile.rankErrorBound()).isEqualTo(0.01); // one value per bucket
        assertThat(profile.quantile(0.5)).isCloseTo(50.5, within(1.0));
        assertThat(profile.countBelow(25.5)).isCloseTo(25L, within(1L));
        assertThat(profile.toBytes()).isEqualTo(golden(GoldenProfiles.NUMERIC_SKETCH));
    }

    @Test
    void readsTheCommittedCollapsedNumericSketch() throws IOException {
        NumericProfile profile = (NumericProfile) FeatureProfile.fromBytes(
                golden(GoldenProfiles.NUMERIC_SKETCH_COLLAPSED));
        NumericProfile exact = NumericProfile.create(NumericProfile.MAX_EXACT_DISTINCT_CAP);
        for (int i = 0; i < 20_000; i++) {
            exact.add((i * 0.37) % 1_000 - 400);
        }

        assertThat(profile.isExact()).isFalse();
        assertThat(profile.count()).isEqualTo(20_000);
        assertThat(profile.min()).isEqualTo(exact.min());
        assertThat(profile.max()).isEqualTo(exact.max());
        assertThat(profile.mean()).isCloseTo(exact.mean(), within(1e-12));
        assertThat(profile.populationStd()).isCloseTo(exact.populationStd(), within(1e-12));
        double bound = profile.rankErrorBound() * profile.count();
        assertThat(bound).isPositive();
        for (double x = -399; x < 600; x += 37) {
            assertThat((double) profile.countBelow(x)).as("count below %s", x)
                    .isCloseTo(exact.countBelow(x), within(bound + 1));
        }
        assertThat(profile.toBytes()).isEqualTo(golden(GoldenProfiles.NUMERIC_SKETCH_COLLAPSED));
    }

    @Test
    void refusesTheCommittedOrderDependentSketchesWithAMessageToProfileAgain() throws IOException {
        for (String file : new String[]{GoldenProfiles.NUMERIC_TDIGEST_COMPRESSION_200,
                GoldenProfiles.NUMERIC_TDIGEST}) {
            byte[] bytes = golden(file);
            assertThatIllegalArgumentException().as(file).isThrownBy(() -> FeatureProfile.fromBytes(bytes))
                    .withMessageStartingWith("numeric profile of format 1 holds a t-digest, which depends on the order"
                            + " of rows; sketches are now independent of row order")
                    .withMessageContaining("profile the window again");
        }
        byte[] frequentItems = golden(GoldenProfiles.CATEGORICAL_FREQUENT_ITEMS);
        assertThatIllegalArgumentException().isThrownBy(() -> FeatureProfile.fromBytes(frequentItems))
                .withMessageStartingWith("categorical profile of format 2 holds a frequent-items sketch")
                .withMessageContaining("profile the window again");
    }

    @Test
    void readsTheCommittedCategoricalProfile() throws IOException {
        CategoricalProfile profile = (CategoricalProfile) FeatureProfile.fromBytes(golden(GoldenProfiles.CATEGORICAL));

        assertThat(profile.count()).isEqualTo(9);
        assertThat(profile.missing()).isEqualTo(2);
        assertThat(profile.counts()).containsExactly(Map.entry("red", 3L), Map.entry("blue", 2L),
                Map.entry("green", 2L), Map.entry("", 1L), Map.entry("ünïcødé", 1L));
        assertThat(profile.toBytes()).isEqualTo(golden(GoldenProfiles.CATEGORICAL));
    }

    @Test
    void readsTheCommittedSketchedCategoricalProfile() throws IOException {
        CategoricalProfile profile = (CategoricalProfile) FeatureProfile.fromBytes(
                golden(GoldenProfiles.CATEGORICAL_SKETCH));
        CategoricalProfile expected = GoldenProfiles.categoricalSketch();

        assertThat(profile.isExact()).isFalse();
        assertThat(profile.exactDistinctCap()).isEqualTo(4);
        assertThat(profile.count()).isEqualTo(8_000);
        assertThat(profile.missing()).isEqualTo(1);
        assertThat(profile.counts()).isEqualTo(expected.counts());
        assertThat(profile.counts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(8_000);
        assertThat(profile.counts().keySet().stream().filter(k -> !k.startsWith("(hash bucket")).count())
                .isEqualTo(CategoricalProfile.NAMED_CATEGORIES);
        assertThat(profile.toBytes()).isEqualTo(golden(GoldenProfiles.CATEGORICAL_SKETCH));
    }

    @Test
    void currentCodeStillWritesTheGoldenBytes() throws IOException {
        assertThat(GoldenProfiles.numericExact().toBytes()).isEqualTo(golden(GoldenProfiles.NUMERIC_EXACT));
        assertThat(GoldenProfiles.numericSketch().toBytes()).isEqualTo(golden(GoldenProfiles.NUMERIC_SKETCH));
        assertThat(GoldenProfiles.numericSketchCollapsed().toBytes())
                .isEqualTo(golden(GoldenProfiles.NUMERIC_SKETCH_COLLAPSED));
        assertThat(GoldenProfiles.categorical().toBytes()).isEqualTo(golden(GoldenProfiles.CATEGORICAL));
        assertThat(GoldenProfiles.categoricalSketch().toBytes())
                .isEqualTo(golden(GoldenProfiles.CATEGORICAL_SKETCH));
    }

    @Test
    @EnabledIfSystemProperty(named = "driftwatch.regenerateGolden", matches = "true")
    void regenerate() throws IOException {
        Path directory = Path.of("src", "test", "resources", "golden");
        Files.createDirectories(directory);
        Files.write(directory.resolve(GoldenProfiles.NUMERIC_EXACT), GoldenProfiles.numericExact().toBytes());
        Files.write(directory.resolve(GoldenProfiles.NUMERIC_SKETCH), GoldenProfiles.numericSketch().toBytes());
        Files.write(directory.resolve(GoldenProfiles.NUMERIC_SKETCH_COLLAPSED),
                GoldenProfiles.numericSketchCollapsed().toBytes());
        Files.write(directory.resolve(GoldenProfiles.CATEGORICAL), GoldenProfiles.categorical().toBytes());
        Files.write(directory.resolve(GoldenProfiles.CATEGORICAL_SKETCH), GoldenProfiles.categoricalSketch().toBytes());
    }

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = GoldenProfileFilesTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file %s on the test classpath", name).isNotNull();
            return in.readAllBytes();
        }
    }
}
