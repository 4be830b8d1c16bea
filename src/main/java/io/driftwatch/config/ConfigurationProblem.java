package io.driftwatch.config;

/**
 * One thing wrong with the configuration: which monitor (null for a process-wide key), which key, the
 * value found, what is wrong and how to fix it.
 */
public record ConfigurationProblem(String monitor, String key, String value, String problem, String fix) {

    /** A problem of a process-wide key (no monitor). */
    public static ConfigurationProblem of(String key, String value, String problem, String fix) {
        return new ConfigurationProblem(null, key, value, problem, fix);
    }

    @Override
    public String toString() {
        return (monitor == null ? "" : "monitor '" + monitor + "': ") + key + " = "
                + (value == null ? "(not set)" : "'" + value + "'") + ": " + problem + ". Fix: " + fix;
    }
}
