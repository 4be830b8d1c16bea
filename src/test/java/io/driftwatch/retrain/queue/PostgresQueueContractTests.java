package io.driftwatch.retrain.queue;

import io.driftwatch.support.RequiresPostgres;

/** The queue contract under bad input on real PostgreSQL (a fresh schema, migrated by Flyway). */
@RequiresPostgres
class PostgresQueueContractTests extends AbstractQueueContractTests {

    @Override
    QueueDatabase openDatabase() {
        return QueueDatabase.postgres();
    }
}
