package io.driftwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.driftwatch.drift.DriftMethod;
import io.driftwatch.drift.DriftMethods;
import io.driftwatch.profile.FeatureType;

/** The start-up warm-up: what it runs, and which processes it leaves alone. */
class WarmUpTest {

    @Test
    void oneRoundRunsEveryBuiltInMethodOnEveryFeatureTypeItSupports() {
        long pairs = 0;
        for (String name : DriftMethods.standard().names()) {
            DriftMethod method = DriftMethods.standard().require(name);
            pairs += (method.supports(FeatureType.NUMERIC) ? 1 : 0) + (method.supports(FeatureType.CATEGORICAL) ? 1 : 0);
        }

        assertThat(pairs).isGreaterThan(DriftMethods.standard().names().size());
        assertThat(WarmUp.run()).isEqualTo(pairs);
    }

    @Test
    void aNightARerunAndABackfillWarmUpWhileTasksTheCanaryJobAndTheSwitchDoNot() throws InterruptedException {
        boolean cores = Runtime.getRuntime().availableProcessors() > 1;
        for (List<String> args : List.of(List.of("runDate=2026-03-01"), List.of("runs", "rerun", "monitor=m"),
                List.of("backfill", "monitor=m", "from=2026-03-01", "to=2026-03-02"),
                List.of("--spring.batch.job.name=driftJob"))) {
            Thread thread = WarmUp.start(args, Map.of());
            assertThat(thread != null).as(args.toString()).isEqualTo(cores);
            if (thread != null) {
                assertThat(thread.isDaemon()).isTrue();
                thread.join();
            }
        }
        assertThat(WarmUp.start(List.of("tasks", "list"), Map.of())).isNull();
        assertThat(WarmUp.start(List.of("--spring.batch.job.name=canaryJob"), Map.of())).isNull();
        assertThat(WarmUp.start(List.of(), Map.of("SPRING_BATCH_JOB_NAME", "reaperJob"))).isNull();
        assertThat(WarmUp.start(List.of("runDate=2026-03-01"), Map.of("DRIFTWATCH_WARM_UP", "false"))).isNull();
    }
}
