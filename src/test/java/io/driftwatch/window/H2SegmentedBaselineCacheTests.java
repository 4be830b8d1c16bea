package io.driftwatch.window;

/** The segmented baseline's cache on H2, each context in an in-memory database of its own. */
class H2SegmentedBaselineCacheTests extends AbstractSegmentedBaselineCacheTests {

    @Override
    String freshDatabase(String name) {
        return SegmentNights.h2("segbase_" + name + "_" + System.nanoTime());
    }
}
