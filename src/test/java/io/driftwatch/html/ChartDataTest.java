package io.driftwatch.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.driftwatch.html.ChartData.Bin;
import io.driftwatch.html.ChartData.Histogram;
import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.NumericProfile;

class ChartDataTest {

    @Test
    void histogramSharesAreTheWindowsOwnCountsOnSharedBins() {
        // given two exact-mode windows, the second shifted
        Random random = new Random(42);
        double[] baseline = new double[4_000];
        double[] current = new double[3_000];
        NumericProfile b = NumericProfile.create();
        NumericProfile c = NumericProfile.create();
        for (int i = 0; i < baseline.length; i++) {
            baseline[i] = random.nextGaussian() * 10 + 50;
            b.add(baseline[i]);
        }
        for (int i = 0; i < current.length; i++) {
            current[i] = random.nextGaussian() * 10 + 58;
            c.add(current[i]);
        }

        // when
        Histogram h = ChartData.histogram(b, c);

        // then: each bin's share is the share of raw values in it, the end bins holding the folded tails
        assertThat(h.bins()).hasSize(ChartData.NUMERIC_BINS);
        assertThat(h.edges()[0]).isLessThanOrEqualTo(Math.min(b.quantile(0.01), c.quantile(0.01)));
        for (int i = 0; i < h.bins().size(); i++) {
            Bin bin = h.bins().get(i);
            assertThat(bin.baseline()).as("baseline bin %d", i).isCloseTo(share(baseline, h.edges(), i), within(1e-12));
            assertThat(bin.current()).as("current bin %d", i).isCloseTo(share(current, h.edges(), i), within(1e-12));
        }
        assertThat(h.bins().stream().mapToDouble(Bin::baseline).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(h.bins().stream().mapToDouble(Bin::current).sum()).isCloseTo(1.0, within(1e-9));
    }

    private static double share(double[] values, double[] edges, int bin) {
        int last = edges.length - 2;
        long n = 0;
        for (double v : values) {
            boolean aboveLow = bin == 0 || v >= edges[bin];
            boolean belowHigh = bin == last || v < edges[bin + 1];
            if (aboveLow && belowHigh) {
                n++;
            }
        }
        return (double) n / values.length;
    }

    @Test
    void aConstantFeatureIsOneBinAndAnEmptyWindowNoChart() {
        NumericProfile b = NumericProfile.create();
        NumericProfile c = NumericProfile.create();
        for (int i = 0; i < 10; i++) {
            b.add(3);
            c.add(3);
        }
        assertThat(ChartData.histogram(b, c).bins()).extracting(Bin::baseline, Bin::current)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1.0, 1.0));
        assertThat(ChartData.histogram(b, NumericProfile.create())).isNull();
    }

    @Test
    void categoryBarsMarkUnseenCategoriesAndPoolTheRestAsOther() {
        // given 20 baseline categories and a current window with one new category
        CategoricalProfile b = CategoricalProfile.create();
        CategoricalProfile c = CategoricalProfile.create();
        for (int k = 0; k < 20; k++) {
            for (int i = 0; i <= k; i++) {
                b.add("cat" + k);
                c.add("cat" + k);
            }
        }
        for (int i = 0; i < 100; i++) {
            c.add("brand-new");
        }

        // when
        List<Bin> bars = ChartData.categories(b, c);

        // then: the new category leads (largest current share), is unseen, and 9 categories are pooled
        assertThat(bars).hasSize(ChartData.SHOWN_CATEGORIES + 1);
        assertThat(bars.get(0).label()).isEqualTo("brand-new");
        assertThat(bars.get(0).unseen()).isTrue();
        assertThat(bars.get(0).baseline()).isZero();
        assertThat(bars.get(0).current()).isCloseTo(100.0 / c.count(), within(1e-12));
        Bin other = bars.get(bars.size() - 1);
        assertThat(other.label()).isEqualTo(ChartData.OTHER);
        assertThat(other.pooled()).isEqualTo(21 - ChartData.SHOWN_CATEGORIES);
        assertThat(bars.stream().mapToDouble(Bin::baseline).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(bars.stream().mapToDouble(Bin::current).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(bars.stream().filter(Bin::unseen)).hasSize(1);
        assertThat(ChartData.unseenCount(b, c)).isEqualTo(1);
    }

    @Test
    void svgEscapesCategoryNamesAndFormatsForPeople() {
        CategoricalProfile b = CategoricalProfile.create();
        CategoricalProfile c = CategoricalProfile.create();
        b.add("<script>alert(1)</script>");
        c.add("a&b");
        String svg = Svg.categories("f", ChartData.categories(b, c));
        assertThat(svg).doesNotContain("<script>").contains("&lt;script&gt;").contains("a&amp;b");
        assertThat(Format.count(1234567L)).isEqualTo("1,234,567");
        assertThat(Format.percent(0.125)).isEqualTo("12.5 %");
        assertThat(Format.number(0.34129)).isEqualTo("0.3413");
        assertThat(Format.number(52310.4)).isEqualTo("52,310");
        assertThat(Format.seconds(0.21)).isEqualTo("210 ms");
    }

    @Test
    void pressureRanksScoresAndTestsOnOneScale() {
        assertThat(Pressure.of("score_at_least", 0.3, null, null, 0.1, true)).isCloseTo(3.0, within(1e-12));
        assertThat(Pressure.of("p_value_below", 0.2, 0.001, 0.01, 0.05, true)).isCloseTo(5.0, within(1e-12));
        assertThat(Pressure.of("p_value_below", 0.2, 0.0, null, 0.05, true)).isInfinite();
        assertThat(Pressure.of("score_at_least", null, null, null, 0.1, false)).isZero();
    }
}
