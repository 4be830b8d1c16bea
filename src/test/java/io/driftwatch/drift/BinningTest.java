package io.driftwatch.drift;

import io.driftwatch.profile.NumericProfile;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BinningTest {

    @Test
    void namesEachBinningInConventions() {
        assertThat(Binning.BASELINE_DECILES.conventionName()).isEqualTo("baseline-deciles");
        assertThat(Binning.baselineQuantiles(20).conventionName()).isEqualTo("baseline-quantiles-20");
        assertThat(Binning.sturges().conventionName()).isEqualTo("sturges-combined");
        assertThat(Binning.values().conventionName()).isEqualTo("values");
        assertThat(Binning.edges(List.of(1.0, 2.0)).conventionName()).matches("edges\\(n=2,crc32=[0-9a-f]{8}\\)");
        assertThat(Binning.edges(List.of(1.0, 2.0)).conventionName())
                .isNotEqualTo(Binning.edges(List.of(1.0, 2.5)).conventionName());
    }

    @Test
    void parsesConfigurationSpellings() {
        assertThat(Binning.parse(" Baseline-Quantiles ")).isEqualTo(Binning.BASELINE_DECILES);
        assertThat(Binning.parse("baseline-quantiles:5")).isEqualTo(Binning.baselineQuantiles(5));
        assertThat(Binning.parse("sturges")).isEqualTo(Binning.sturges());
        assertThat(Binning.parse("evidently")).isEqualTo(Binning.evidently());
        assertThat(Binning.parse("edges: -1; 0; 2.5")).isEqualTo(Binning.edges(List.of(-1.0, 0.0, 2.5)));
        assertThatIllegalArgumentException().isThrownBy(() -> Binning.parse("deciles"))
                .withMessageContaining("binning must be one of").withMessageContaining("'deciles'");
        assertThatIllegalArgumentException().isThrownBy(() -> Binning.parse("edges:1;x"))
                .withMessageContaining("malformed number");
    }

    @Test
    void rejectsEdgesThatAreNotStrictlyAscendingAndFinite() {
        assertThatIllegalArgumentException().isThrownBy(() -> Binning.edges(List.of(1.0, 1.0)))
                .withMessage("edges must be finite and strictly ascending but were [1.0, 1.0]");
        assertThatIllegalArgumentException().isThrownBy(() -> Binning.edges(List.of(Double.NaN)));
        assertThatIllegalArgumentException().isThrownBy(() -> Binning.edges(List.of()))
                .withMessage("edges binning needs at least one interior edge");
        assertThatIllegalArgumentException().isThrownBy(() -> Binning.baselineQuantiles(1))
                .withMessage("baseline-quantile bins must be within [2, 1000] but were 1");
    }

    @Test
    void computesLog2ExactlyForPowersOfTwoAndCloselyOtherwise() {
        assertThat(Histogram.log2(2048)).isEqualTo(11.0);
        assertThat(Histogram.log2(1)).isEqualTo(0.0);
        assertThat(Histogram.log2(3)).isCloseTo(Math.log(3) / Math.log(2),
                org.assertj.core.api.Assertions.within(1e-15));
        assertThat(Histogram.log2(1L << 40 | 1)).isGreaterThan(40.0);
    }

    @Test
    void widensAZeroRangeByHalfAUnitAsNumpyDoes() {
        NumericProfile constant = NumericProfile.create();
        constant.add(5.0);
        constant.add(5.0);

        // np.histogram_bin_edges([5.0, 5.0, 5.0, 5.0], bins="sturges") == [4.5, 5.5]
        assertThat(Histogram.sturgesEdges(constant, constant)).containsExactly(4.5, 5.5);
    }

    @Test
    void keepsSturgesEdgesFiniteWhereTheRangeOverflows() {
        NumericProfile wide = NumericProfile.create();
        wide.add(-1.5e308);
        wide.add(1.5e308);

        double[] edges = Histogram.sturgesEdges(wide, wide);

        assertThat(edges).hasSize(4);
        assertThat(java.util.Arrays.stream(edges).allMatch(Double::isFinite)).isTrue();
        assertThat(edges[0]).isEqualTo(-1.5e308);
        assertThat(edges[3]).isEqualTo(1.5e308);
    }

    @Test
    void resolvesEvidentlyBinningByTheBaselinesDistinctValues() {
        NumericProfile few = NumericProfile.create();
        NumericProfile many = NumericProfile.create();
        for (int i = 0; i < 21; i++) {
            few.add(i % 20);
            many.add(i);
        }

        assertThat(Histogram.resolve(few, Binning.evidently())).isEqualTo(Binning.values());
        assertThat(Histogram.resolve(many, Binning.evidently())).isEqualTo(Binning.sturges());
    }
}
