package io.driftwatch;

/**
 * Process exit codes, the contract with a CronJob or a rollout tool. For driftJob anything other
 * than 0 means the run did not complete (3: there was nothing to do); for canaryJob 0 is PROMOTE,
 * 10 ROLLBACK and 11 INCONCLUSIVE.
 */
public enum ExitCodes {
    /** The job completed: reports written, retraining decided. */
    COMPLETED(0),
    /** Unexpected error before the job could start (a bug, or a fault driftwatch does not recognise): read the log. */
    UNEXPECTED(1),
    /** Configuration, arguments or the database schema are wrong; nothing was written. Fix, then rerun the same date. */
    INVALID_CONFIGURATION(2),
    /** This run date already completed; nothing was written. */
    ALREADY_COMPLETE(3),
    /** Another process is running this run date right now; nothing was written. */
    ALREADY_RUNNING(4),
    /**
     * The job failed, or the database could not be reached or stopped answering within its timeout
     * (driftwatch.database.*); rerun the same run date to resume from the failed step.
     */
    FAILED(5),
    /** The job was stopped (e.g. SIGTERM); rerun the same run date to resume. */
    STOPPED(6),
    /** canaryJob: the candidate failed a rule; roll it back. */
    ROLLBACK(10),
    /** canaryJob: not enough data to judge; wait and analyse again (never a rollback). */
    INCONCLUSIVE(11);

    private final int code;

    ExitCodes(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
