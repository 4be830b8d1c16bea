package io.driftwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.driftwatch.support.JarProcess;

/**
 * The image build's training run (deploy/Dockerfile, docs/deployment.md "Start-up"): the packaged jar started with
 * {@code -Dspring.context.exit=onRefresh} and nothing configured must exit 0 once its context has refreshed, on the
 * embedded in-memory database, without running a command: an image build reaches no database and writes no run.
 */
class ImageTrainingRunIT {

    @Test
    void theTrainingRunExitsZeroAfterTheContextRefreshWithoutADatabaseOrAJob() throws Exception {
        try (JarProcess run = JarProcess.start(List.of("-Dspring.context.exit=onRefresh"), List.of(), Map.of())) {
            assertThat(run.exitCode(Duration.ofMinutes(5))).as(run.output()).isZero();
            assertThat(run.output()).doesNotContain("SimpleJob: [name=driftJob]").doesNotContain("[exit ");
        }
    }
}
