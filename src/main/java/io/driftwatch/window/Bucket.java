package io.driftwatch.window;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A time range {@code [from, to)} of a monitor's source table whose profile is stored and reused on its own: a bucket
 * of {@code driftwatch.bucket}, or a piece of one when a window has fewer buckets than profile slices (so that a
 * one-bucket window is still read by every slice in parallel).
 */
public record Bucket(Instant from, Instant to) {

    public Bucket {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("a bucket must end after it starts: [" + from + ", " + to + ")");
        }
    }

    /**
     * The buckets of the window {@code [start, end)} in time order, counted back from its end in steps of
     * {@code width}; a window of fewer buckets than {@code slices} has each bucket cut into equal pieces, enough for
     * every slice to get one. A window that is not a whole number of buckets (a day of 23 or 25 hours at a
     * daylight-saving change) starts with the remainder as a shorter bucket of its own.
     *
     * @throws IllegalArgumentException when the window is empty
     */
    public static List<Bucket> of(Instant start, Instant end, Duration width, int slices) {
        long window = Duration.between(start, end).toNanos();
        if (window <= 0) {
            throw new IllegalArgumentException("the window [" + start + ", " + end + ") is empty");
        }
        long full = window / width.toNanos();
        List<Bucket> spans = new ArrayList<>();
        if (window % width.toNanos() != 0) {
            spans.add(new Bucket(start, end.minus(width.multipliedBy(full))));
        }
        for (long i = full; i > 0; i--) {
            spans.add(new Bucket(end.minus(width.multipliedBy(i)), end.minus(width.multipliedBy(i - 1))));
        }
        int count = spans.size();
        int pieces = count >= slices ? 1 : (slices + count - 1) / count;
        List<Bucket> buckets = new ArrayList<>(count * pieces);
        for (Bucket span : spans) {
            for (int p = 0; p < pieces; p++) {
                TimeSlice piece = TimeSlice.of(span.from(), span.to(), p, pieces);
                buckets.add(new Bucket(piece.from(), piece.to()));
            }
        }
        return buckets;
    }

    /** The buckets that slice {@code slice} of {@code slices} profiles: every {@code slices}-th, from its index on. */
    public static List<Bucket> ofSlice(List<Bucket> buckets, int slice, int slices) {
        List<Bucket> owned = new ArrayList<>();
        for (int i = slice; i < buckets.size(); i += slices) {
            owned.add(buckets.get(i));
        }
        return owned;
    }

    /** Consecutive ranges of {@code width} from {@code from}, the last one ending at {@code to} (possibly shorter). */
    static List<Bucket> chunks(Instant from, Instant to, Duration width) {
        List<Bucket> chunks = new ArrayList<>();
        for (Instant at = from; at.isBefore(to); ) {
            Instant next = at.plus(width);
            Instant end = next.isAfter(to) ? to : next;
            chunks.add(new Bucket(at, end));
            at = end;
        }
        return chunks;
    }

    @Override
    public String toString() {
        return "[" + from + ", " + to + ")";
    }
}
