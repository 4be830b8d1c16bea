package io.driftwatch.window;

import java.time.Duration;
import java.time.Instant;

/**
 * One of {@code count} equal time slices of a window {@code [start, end)}: slice {@code index}
 * covers {@code [from, to)}; the last one ends exactly at the window's end, so the slices cover the
 * window with no gap and no overlap and their profiles merge into the window's.
 */
public record TimeSlice(int index, int count, Instant from, Instant to) {

    public TimeSlice {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("slice " + index + " of " + count + " does not exist");
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("a slice must end after it starts: [" + from + ", " + to + ")");
        }
    }

    /** Slice {@code index} of {@code count} equal slices of {@code [start, end)}. */
    public static TimeSlice of(Instant start, Instant end, int index, int count) {
        long span = Duration.between(start, end).toNanos();
        if (span < count) {
            throw new IllegalArgumentException("a window of " + span + " ns cannot be cut into " + count + " slices");
        }
        long step = span / count;
        Instant from = start.plusNanos(step * index);
        Instant to = index == count - 1 ? end : start.plusNanos(step * (index + 1));
        return new TimeSlice(index, count, from, to);
    }

    /** For logs: {@code 2/4}. */
    public String label() {
        return (index + 1) + "/" + count;
    }
}
