package io.driftwatch.window;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A time range {@code [from, to)} of a monitor's source table whose profile is stored and reused on its own: one of the
 * equal pieces a bucket of {@code driftwatch.bucket} is cut into, one per profile slice, so that the slices share every
 * bucket, the new day of a night included, and read it in parallel.
 */
public record Bucket(Instant from, Instant to) {

    public Bucket {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("a bucket must end after it starts: [" + from + ", " + to + ")");
        }
    }

    /**
     * The pieces of the window {@code [start, end)} in time order: its buckets, counted back from its end in steps of
     * {@code width}, each cut into {@code slices} equal pieces at whole milliseconds (so that every database stores
     * their bounds exactly). A width of whole days steps by calendar days of {@code zone}, so that a day of 23 or 25
     * hours at a daylight-saving change is one bucket and the buckets stay on the zone's midnights for every night
     * whose window holds the change. A window that is not a whole number of buckets starts with the remainder as a
     * shorter bucket of its own.
     *
     * @throws IllegalArgumentException when the window is empty
     */
    public static List<Bucket> of(Instant start, Instant end, Duration width, int slices, ZoneId zone) {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("the window [" + start + ", " + end + ") is empty");
        }
        long days = width.toDaysPart();
        boolean calendar = days > 0 && width.equals(Duration.ofDays(days));
        List<Bucket> spans = new ArrayList<>();
        Instant to = end;
        for (long i = 1; to.isAfter(start); i++) {
            Instant from = calendar ? end.atZone(zone).minusDays(days * i).toInstant() : end.minus(width.multipliedBy(i));
            spans.add(new Bucket(from.isBefore(start) ? start : from, to));
            to = from;
        }
        Collections.reverse(spans);
        List<Bucket> pieces = new ArrayList<>(spans.size() * Math.max(1, slices));
        for (Bucket span : spans) {
            pieces.addAll(span.pieces(slices));
        }
        return pieces;
    }

    /**
     * This range cut into {@code count} pieces at whole milliseconds from its start (fewer when it is shorter than
     * {@code count} milliseconds), the last one ending at its end.
     */
    List<Bucket> pieces(int count) {
        long millis = Duration.between(from, to).toMillis();
        int n = (int) Math.max(1, Math.min(Math.max(1, count), millis));
        List<Bucket> pieces = new ArrayList<>(n);
        Instant at = from;
        for (int p = 1; p <= n; p++) {
            Instant next = p == n ? to : from.plusMillis(millis * p / n);
            pieces.add(new Bucket(at, next));
            at = next;
        }
        return pieces;
    }

    /**
     * The pieces that slice {@code slice} of {@code slices} profiles: every {@code slices}-th, from its index on, so
     * one piece of every bucket when the pieces come from {@link #of} with the same {@code slices}.
     */
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
