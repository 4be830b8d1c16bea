package io.driftwatch.config;

/**
 * One thing wrong with the configuration: which monitor, which key, the value found, what is wrong
 * and how to fix it.
 */
public record ConfigurationProblem(String monitor, String key, String value, String problem, String fix) {

    @Override
    public String toString() {
        return "monitor '" + (monitor == null ? "?" : monitor) + "': " + key + " = "
                + (value == null ? "(not set)" : "'" + value + "'") + ": " + problem + ". Fix: " + fix;
    }
}
