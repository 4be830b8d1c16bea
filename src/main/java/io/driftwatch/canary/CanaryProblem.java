package io.driftwatch.canary;

/**
 * One reason canaryJob cannot judge: the configuration key or argument, the value found, what is
 * wrong and how to fix it.
 */
public record CanaryProblem(String key, String value, String problem, String fix) {

    @Override
    public String toString() {
        return key + " = " + (value == null ? "(not set)" : "'" + value + "'") + ": " + problem + ". Fix: " + fix;
    }
}
