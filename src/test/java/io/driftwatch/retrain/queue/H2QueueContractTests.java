package io.driftwatch.retrain.queue;

/** The queue contract under bad input on the embedded H2. */
class H2QueueContractTests extends AbstractQueueContractTests {

    @Override
    QueueDatabase openDatabase() {
        return QueueDatabase.h2();
    }
}
