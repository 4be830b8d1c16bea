package io.driftwatch;

/**
 * Process exit codes, the contract with a CronJob or a rollout tool. Anything other than 0 means
 * the run did not complete; 3 means there was nothing to do.
 */
public enum ExitCodes {
    /** The job completed: reports written, retraining decided. */
    COMPLETED(0),
    /** Unexpected error before the job could start (database unreachable, ...). */
    UNEXPECTED(1),
    /** Configuration, arguments or the database schema are wrong; nothing was written. Fix, then rerun the same date. */
    INVALID_CONFIGURATION(2),
    /** This run date already completed; nothing was written. */
    ALREADY_COMPLETE(3),
    /** Another process is running this run date right now; nothing was written. */
    ALREADY_RUNNING(4),
    /** The job failed; rerun the same run date to resume from the failed step. */
    FAILED(5),
    /** The job was stopped (e.g. SIGTERM); rerun the same run date to resume. */
    STOPPED(6);

    private final int code;

    ExitCodes(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
