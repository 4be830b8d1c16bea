package io.driftwatch.cli;

import java.util.List;

import io.driftwatch.ExitCodes;
import io.driftwatch.job.remote.PartitionWorker;

/**
 * The command of a worker process (driftwatch.role=worker with driftwatch.partitioning=remote): executes the
 * partitions managers send until SIGTERM, then finishes the ones in progress and exits (143, as any terminated pod).
 */
final class WorkerCommand extends NamedCommand {

    static final String NAME = "worker";

    private final PartitionWorker worker;

    WorkerCommand(PartitionWorker worker) {
        super(NAME, false);
        this.worker = worker;
    }

    @Override
    public Outcome run(List<String> args) {
        try {
            int partitions = worker.serveUntilTerminated();
            return new Outcome(ExitCodes.COMPLETED, "worker stopped after " + partitions + " partition(s)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(ExitCodes.STOPPED, "worker interrupted");
        }
    }
}
