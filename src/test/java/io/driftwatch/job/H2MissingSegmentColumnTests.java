package io.driftwatch.job;

/** A missing segment column on the embedded default (H2). */
class H2MissingSegmentColumnTests extends AbstractMissingSegmentColumnTests {
}
