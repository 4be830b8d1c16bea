package io.driftwatch.window;

/** Bucketed profiles and backfill on H2, each context in an in-memory database of its own. */
class H2BucketedWindowTests extends AbstractBucketedWindowTests {

    @Override
    String freshDatabase(String name) {
        return BucketNights.h2("buckets_" + name + "_" + System.nanoTime());
    }
}
