package io.driftwatch.canary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.driftwatch.canary.analysis.ShadowPair;
import io.driftwatch.canary.analysis.ShadowResponse;

class LatencySamplesTest {

    @Test
    void shadowModeDrawsProductionsLatencyOfEveryRequestAndTheCandidatesWhereItLoggedOne() {
        List<ShadowPair> pairs = List.of(
                new ShadowPair(0.5, 0.6, 0.10, 0.30, false, false),
                new ShadowPair(0.5, 0.6, 0.12, 0.31, false, true),
                ShadowPair.candidateMissing(new ShadowResponse(0.4, 0.11, false)),
                new ShadowPair(new ShadowResponse(null, null, true), new ShadowResponse(0.7, 0.29, false)));

        LatencySamples samples = LatencySamples.of(pairs);

        assertThat(samples.baseline()).containsExactly(0.10, 0.12, 0.11);
        assertThat(samples.candidate()).containsExactly(0.30, 0.31, 0.29);
    }

    @Test
    void theSamplesAreCopiesSoAPageCannotChangeWhatWasJudged() {
        double[] baseline = {0.1, 0.2};
        LatencySamples samples = new LatencySamples(baseline, new double[] {0.3});

        baseline[0] = 9;
        samples.baseline()[1] = 9;

        assertThat(samples.baseline()).containsExactly(0.1, 0.2);
    }
}
