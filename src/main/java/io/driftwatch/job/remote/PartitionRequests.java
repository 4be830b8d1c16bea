package io.driftwatch.job.remote;

import org.springframework.batch.integration.partition.StepExecutionRequest;

/**
 * A partition request as it travels over the broker: {@code <stepExecutionId> <workerStepName>} as text. Plain text
 * rather than Java serialization, so a worker never deserializes objects from the broker.
 */
final class PartitionRequests {

    private PartitionRequests() {
    }

    static String encode(StepExecutionRequest request) {
        return request.getStepExecutionId() + " " + request.getStepName();
    }

    /** @throws IllegalArgumentException for text that is not a request */
    static StepExecutionRequest decode(String text) {
        int space = text == null ? -1 : text.indexOf(' ');
        if (space < 1 || space == text.length() - 1) {
            throw new IllegalArgumentException("not a partition request: '" + text + "'");
        }
        try {
            return new StepExecutionRequest(text.substring(space + 1), Long.parseLong(text.substring(0, space)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a partition request: '" + text + "'", e);
        }
    }
}
