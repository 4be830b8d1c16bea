package io.driftwatch.config;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The validated monitors of this process, the zone run dates start in, and how many partitions run
 * at once and time slices a current window is cut into.
 */
public record MonitorCatalog(List<Monitor> monitors, ZoneId zone, int partitionThreads, int profileSlices) {

    public MonitorCatalog {
        monitors = List.copyOf(monitors);
        if (profileSlices < 1) {
            throw new IllegalArgumentException("profile slices must be at least 1: " + profileSlices);
        }
    }

    public Optional<Monitor> find(String name) {
        return monitors.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public Monitor require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no monitor named '" + name + "' is configured; known: "
                        + monitors.stream().map(Monitor::name).toList()));
    }
}
