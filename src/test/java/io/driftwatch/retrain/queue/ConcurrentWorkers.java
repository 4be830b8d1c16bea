package io.driftwatch.retrain.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs worker bodies on threads of their own, for the race tests. */
final class ConcurrentWorkers {

    private ConcurrentWorkers() {
    }

    /** A worker body; gets its worker number. */
    interface Worker {
        int run(int worker) throws Exception;
    }

    /** Runs {@code count} workers concurrently and returns their results; fails on any error or after 2 minutes. */
    static List<Integer> run(int count, Worker body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int worker = i;
                Callable<Integer> call = () -> body.run(worker);
                futures.add(pool.submit(call));
            }
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> f : futures) {
                results.add(f.get(2, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
