package io.driftwatch.window;

/**
 * The progress line of a long window read: rows done, the rate so far and, when the expected row
 * count is known (PostgreSQL's planner estimate, or a count), the share done and the time left.
 */
record ProgressLine(long startedNanos) {

    static ProgressLine start() {
        return new ProgressLine(System.nanoTime());
    }

    /** Rows per second since the start. */
    long rate(long rows, long nowNanos) {
        long elapsed = Math.max(1, nowNanos - startedNanos);
        return rows * 1_000_000_000L / elapsed;
    }

    /** @param expected rows expected, or a negative number when unknown */
    String describe(long rows, long expected) {
        return describe(rows, expected, System.nanoTime());
    }

    String describe(long rows, long expected, long nowNanos) {
        long rate = rate(rows, nowNanos);
        StringBuilder line = new StringBuilder().append(rows).append(" rows read");
        if (expected > 0 && rows <= expected) {
            line.append(" of about ").append(expected).append(" (").append(rows * 100 / expected).append(" %)");
        } else if (expected > 0) {
            line.append(" (more than the ").append(expected).append(" estimated)");
        }
        line.append(", ").append(rate).append(" rows/s");
        if (expected > 0 && rows <= expected && rate > 0) {
            line.append(", about ").append(seconds((expected - rows) / (double) rate)).append(" left");
        }
        return line.toString();
    }

    private static String seconds(double seconds) {
        long s = Math.round(seconds);
        return s < 120 ? s + " s" : (s / 60) + " min " + (s % 60) + " s";
    }
}
