package io.driftwatch.window;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.transaction.support.TransactionOperations;

import io.driftwatch.config.Monitor;
import io.driftwatch.source.JdbcFeatureSource;
import io.driftwatch.source.WindowProfile;

/**
 * The first half of a backfill: every bucket that the current windows of a range of run dates need, profiled once,
 * in one pass over the source table in time order (one query per group of up to {@value #GROUP} consecutive buckets).
 * Buckets already stored under their current fingerprint are skipped, so a backfill that died resumes where its last
 * committed group ended and a finished one reads nothing again. Each group is stored in a transaction of its own.
 */
public final class BucketBackfill {

    /** Buckets profiled per query: bounds the profiles held in memory (features × buckets), not the rows. */
    static final int GROUP = 31;

    /** Told after each group: buckets done (reused or profiled) of all, and rows read so far. */
    @FunctionalInterface
    public interface Listener {
        void progress(int bucketsDone, int buckets, long rowsRead);
    }

    /** What the pass did: buckets found stored and unchanged, buckets profiled, rows read to profile them. */
    public record Result(int reused, int profiled, long rowsScanned) {
    }

    private final JdbcFeatureSource source;
    private final BucketStore store;
    private final TransactionOperations transactions;
    private final ZoneId zone;

    public BucketBackfill(JdbcFeatureSource source, WindowProfiler profiler, TransactionOperations transactions, ZoneId zone) {
        this.source = source;
        this.store = profiler.buckets();
        this.transactions = transactions;
        this.zone = zone;
    }

    /**
     * The buckets the nightly runs of {@code dates} read, each once, in time order: the same buckets (or pieces) a
     * run of each date with {@code slices} profile slices looks up.
     */
    public List<Bucket> buckets(Monitor monitor, List<LocalDate> dates, int slices) {
        TreeMap<java.time.Instant, Bucket> byStart = new TreeMap<>();
        for (LocalDate date : dates) {
            for (Bucket b : Bucket.of(monitor.windowStart(date, zone), monitor.windowEnd(date, zone),
                    store.settings().width(), slices, zone)) {
                byStart.putIfAbsent(b.from(), b);
            }
        }
        return List.copyOf(byStart.values());
    }

    /** Profiles every bucket of {@code buckets} that is missing or changed, in time order. */
    public Result run(Monitor monitor, List<Bucket> buckets, Listener listener) {
        List<Bucket> group = new ArrayList<>();
        List<BucketStore.Fingerprint> prints = new ArrayList<>();
        int reused = 0;
        int profiled = 0;
        long rows = 0;
        int lookups = BucketStore.lookupGroup(monitor);
        Map<Bucket, Map<String, JdbcBucketProfileDao.Stored>> found = Map.of();
        List<BucketStore.Fingerprint> counted = List.of();
        for (int i = 0; i < buckets.size(); i++) {
            Bucket bucket = buckets.get(i);
            if (i % lookups == 0) { // looked up and counted together, each before its buckets are read
                List<Bucket> next = buckets.subList(i, Math.min(buckets.size(), i + lookups));
                found = store.stored(monitor, next, false);
                counted = store.fingerprints(monitor, next);
            }
            BucketStore.Fingerprint fingerprint = counted.get(i % lookups);
            rows += fingerprint.rowsCounted();
            boolean stored = store.reusable(found.getOrDefault(bucket, Map.of()), fingerprint).isPresent();
            boolean contiguous = group.isEmpty() || group.get(group.size() - 1).to().equals(bucket.from());
            if (!group.isEmpty() && (stored || !contiguous || group.size() == GROUP)) {
                rows += profile(monitor, group, prints);
                profiled += group.size();
                group.clear();
                prints.clear();
                listener.progress(reused + profiled, buckets.size(), rows);
            }
            if (stored) {
                reused++;
            } else {
                group.add(bucket);
                prints.add(fingerprint);
            }
        }
        if (!group.isEmpty()) {
            rows += profile(monitor, group, prints);
            profiled += group.size();
        }
        listener.progress(reused + profiled, buckets.size(), rows);
        return new Result(reused, profiled, rows);
    }

    /** One query over the group's consecutive buckets, each stored under the fingerprint taken before it was read. */
    private long profile(Monitor monitor, List<Bucket> group, List<BucketStore.Fingerprint> prints) {
        List<java.time.Instant> boundaries = new ArrayList<>();
        group.forEach(b -> boundaries.add(b.from()));
        boundaries.add(group.get(group.size() - 1).to());
        Long read = transactions.execute(status -> {
            List<WindowProfile> profiles = source.profileRanges(monitor, monitor.sourceTable(), boundaries, zone, null);
            long n = 0;
            for (int i = 0; i < group.size(); i++) {
                store.store(monitor, group.get(i), prints.get(i), profiles.get(i));
                n += profiles.get(i).rowsRead();
            }
            return n;
        });
        return read == null ? 0 : read;
    }
}
