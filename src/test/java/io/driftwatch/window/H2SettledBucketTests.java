package io.driftwatch.window;

/** Settled buckets on H2, each context in an in-memory database of its own. */
class H2SettledBucketTests extends AbstractSettledBucketTests {

    @Override
    String freshDatabase(String name) {
        return BucketNights.h2("settled_" + name + "_" + System.nanoTime());
    }
}
