package io.driftwatch;

/**
 * Process exit codes, the contract with a CronJob or a rollout tool. For driftJob anything other
 * than 0 means the run did not complete (3: there was nothing to do; 7: nothing to judge yet); for
 * canaryJob 0 is PROMOTE, 10 ROLLBACK and 11 INCONCLUSIVE.
 */
public enum ExitCodes {
    /** The job completed: reports written, retraining decided. */
    COMPLETED(0, "completed (canaryJob: PROMOTE)"),
    /** Unexpected error before the job could start (a bug, or a fault driftwatch does not recognise): read the log. */
    UNEXPECTED(1, "unexpected error (a bug or an unrecognised fault); see the log"),
    /** Configuration, arguments or the database schema are wrong; nothing was written. Fix, then rerun the same date. */
    INVALID_CONFIGURATION(2, "configuration, arguments or database schema wrong; nothing written; fix and run again"),
    /** This run date already completed; nothing was written. */
    ALREADY_COMPLETE(3, "this runDate already completed; nothing written (runs rerun reprocesses it)"),
    /** Another process is running this run date right now; nothing was written. */
    ALREADY_RUNNING(4, "another process is running this runDate; nothing written"),
    /**
     * The job failed, or the database could not be reached or stopped answering within its timeout
     * (driftwatch.database.*); rerun the same run date to resume from the failed step.
     */
    FAILED(5, "the job failed or the database did not answer in time; rerun the same runDate to resume"),
    /** The job was stopped (e.g. SIGTERM); rerun the same run date to resume. */
    STOPPED(6, "the job was stopped (SIGTERM); rerun the same runDate to resume"),
    /**
     * driftJob: a monitor's baseline or current window holds no rows, or the run date's window has not
     * ended yet (a date in the future); nothing was written, so the same date runs once the data is there.
     */
    NO_DATA(7, "no rows to judge (empty baseline or current window, or a runDate whose window has not ended);"
            + " nothing written; run the same date again once the data is there"),
    /**
     * driftwatch.partitioning=remote: the message broker (RabbitMQ) could not be reached when a manager or a worker
     * started; nothing was written, so the same date runs once the broker answers.
     */
    BROKER_UNREACHABLE(8, "driftwatch.partitioning=remote: the message broker could not be reached at start; nothing"
            + " written; run again once it answers"),
    /** canaryJob: the candidate failed a rule; roll it back. */
    ROLLBACK(10, "canaryJob: ROLLBACK, the candidate failed a rule"),
    /** canaryJob: not enough data to judge; wait and analyse again (never a rollback). */
    INCONCLUSIVE(11, "canaryJob: INCONCLUSIVE, not enough data; analyse again later");

    private final int code;
    private final String description;

    ExitCodes(int code, String description) {
        this.code = code;
        this.description = description;
    }

    public int code() {
        return code;
    }

    /** One line for --help and the docs. */
    public String description() {
        return description;
    }
}
