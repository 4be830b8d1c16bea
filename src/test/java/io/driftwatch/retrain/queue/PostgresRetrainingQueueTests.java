package io.driftwatch.retrain.queue;

import io.driftwatch.support.RequiresPostgres;

/** The queue protocol on real PostgreSQL (a fresh schema, migrated by Flyway): 16 workers drain 10,000 tasks. */
@RequiresPostgres
class PostgresRetrainingQueueTests extends AbstractRetrainingQueueTests {

    @Override
    QueueDatabase openDatabase() {
        return QueueDatabase.postgres();
    }

    @Override
    int drainTasks() {
        return 10_000;
    }

    @Override
    int drainWorkers() {
        return 16;
    }
}
