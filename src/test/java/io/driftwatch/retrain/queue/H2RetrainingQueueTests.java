package io.driftwatch.retrain.queue;

/**
 * The queue protocol on the embedded H2 (PostgreSQL mode): the guarded two-statement claim, and the
 * generated-column emulation of PostgreSQL's partial unique index, proven by the same tests.
 */
class H2RetrainingQueueTests extends AbstractRetrainingQueueTests {

    @Override
    QueueDatabase openDatabase() {
        return QueueDatabase.h2();
    }

    @Override
    int drainTasks() {
        return 1_000;
    }

    @Override
    int drainWorkers() {
        return 4;
    }
}
