package io.driftwatch.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Profiles serialized by an earlier build must stay readable: these files were written once and are committed.
 * To regenerate after an intentional format change (bump the format version first), run
 * {@code ./mvnw test -Dtest=GoldenProfileFilesTest -Ddriftwatch.regenerateGolden=true} and commit the new files.
 */
class GoldenProfileFilesTest {

    @Test
    void readsTheCommittedExactNumericProfile() throws IOException {
        NumericProfile profile = (NumericProfile) FeatureProfile.fromBytes(golden(GoldenProfiles.NUMERIC_EXACT));

        assertThat(profile.isExact()).isTrue();
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
        assertThat(profile.toBytes()).isEqualTo(golden(GoldenProfiles.NUMERIC_EXACT));
    }

    @Test
    void readsTheCommittedSketchedNumericProfileOfCompression200() throws IOException {
        NumericProfile profile = (NumericProfile) FeatureProfile.fromBytes(
                golden(GoldenProfiles.NUMERIC_SKETCH_COMPRESSION_200));

        assertThat(profile.isExact()).isFalse();
        assertThat(profile.count()).isEqualTo(100);
        assertThat(profile.mean()).isCloseTo(50.5, within(1e-12));
        assertThat(profile.quantile(0.5)).isCloseTo(50.5, within(1.0));
        assertThat(profile.countBelow(25.5)).isCloseTo(25L, within(1L));
        // Read back, an older profile keeps its own compression: the bytes it was written with.
        assertThat(profile.toBytes()).isEqualTo(golden(GoldenProfiles.NUMERIC_SKETCH_COMPRESSION_200));
    }

    @Test
    void readsTheCommittedSketchedNumericProfile() throws IOException {
        NumericProfile profile = (NumericProfile) FeatureProfile.fromBytes(golden(GoldenProfiles.NUMERIC_SKETCH));

        assertThat(profile.isExact()).isFalse();
        assertThat(profile.exactDistinctCap()).isEqualTo(8);
        assertThat(profile.count()).isEqualTo(100);
        assertThat(profile.min()).isEqualTo(1.0);
        assertThat(profile.max()).isEqualTo(100.0);
        assertThat(profile.mean()).isCloseTo(50.5, within(1e-12));
        assertThat(profile.populationStd()).isCloseTo(Math.sqrt((100.0 * 100 - 1) / 12), within(1e-12));
        assertThat(profile.quantile(0.5)).isCloseTo(50.5, within(1.0));
        assertThat(profile.countBelow(25.5)).isCloseTo(25L, within(1L));
        assertThat(profile.toBytes()).isEqualTo(golden(GoldenProfiles.NUMERIC_SKETCH));
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

        assertThat(profile.isExact()).isFalse();
        assertThat(profile.exactDistinctCap()).isEqualTo(4);
        assertThat(profile.count()).isEqualTo(8_000);
        assertThat(profile.missing()).isEqualTo(1);
        long maxError = profile.maximumError();
        assertThat(maxError).isPositive().isLessThanOrEqualTo((long) Math.ceil(3.5 / 4096 * 8_000));
        assertThat(profile.countOf("a")).isBetween(3_000 - maxError, 3_000L);
        assertThat(profile.countOf("b")).isBetween(1_000 - maxError, 1_000L);
        assertThat(profile.countOf("c")).isBetween(500 - maxError, 500L);
        assertThat(profile.counts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(8_000);
        assertThat(profile.counts()).containsKey(CategoricalProfile.OTHER);
        assertThat(profile.toBytes()).isEqualTo(golden(GoldenProfiles.CATEGORICAL_SKETCH));
    }

    @Test
    void currentCodeStillWritesTheGoldenBytes() throws IOException {
        assertThat(GoldenProfiles.numericExact().toBytes()).isEqualTo(golden(GoldenProfiles.NUMERIC_EXACT));
        assertThat(GoldenProfiles.numericSketch().toBytes()).isEqualTo(golden(GoldenProfiles.NUMERIC_SKETCH));
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
