package io.driftwatch.job.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.batch.integration.partition.StepExecutionRequest;

class PartitionRequestsTest {

    @Test
    void aRequestTravelsAsItsStepExecutionIdAndWorkerStepName() {
        String text = PartitionRequests.encode(new StepExecutionRequest("featureDrift", 4711));

        assertThat(text).isEqualTo("4711 featureDrift");
        StepExecutionRequest back = PartitionRequests.decode(text);
        assertThat(back.getStepExecutionId()).isEqualTo(4711);
        assertThat(back.getStepName()).isEqualTo("featureDrift");
    }

    @Test
    void textThatIsNotARequestIsRejectedNamingIt() {
        for (String junk : new String[] {"", "featureDrift", "12", "12 ", "x12 featureDrift", " 12 featureDrift"}) {
            assertThatThrownBy(() -> PartitionRequests.decode(junk)).as(junk)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a partition request");
        }
    }
}
