package io.driftwatch.canary.analysis;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@link CanaryThresholds} rejected: every threshold outside its range, each with the rule it breaks, so that a
 * caller can name its own configuration key for each.
 */
public class InvalidThresholdsException extends IllegalArgumentException {

    /** One threshold outside its range: its name as in {@link CanaryThresholds}, the value, and the rule. */
    public record Violation(String threshold, String value, String rule) {

        @Override
        public String toString() {
            return threshold + " must be " + rule + " but was " + value;
        }
    }

    private final List<Violation> violations;

    InvalidThresholdsException(List<Violation> violations) {
        super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
