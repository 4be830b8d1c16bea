package io.driftwatch.retrain;

import java.util.List;

import io.driftwatch.ExitCodes;
import io.driftwatch.telemetry.SummaryPrinter;

/**
 * The operator's command line for the retraining queue:
 * <pre>
 *   tasks list [status=PENDING] [limit=50]
 *   tasks approve ID      AWAITING_APPROVAL → PENDING
 *   tasks cancel ID       PENDING, RETRYABLE, AWAITING_APPROVAL or RUNNING → CANCELLED
 *   tasks requeue ID      FAILED or CANCELLED → PENDING with attempts reset
 * </pre>
 */
public class TaskCommand {

    static final String USAGE = "Usage: tasks list [status=STATUS] [limit=N] | tasks approve ID | tasks cancel ID | tasks requeue ID";

    private final JdbcTaskOperations operations;
    private final SummaryPrinter printer;

    public TaskCommand(JdbcTaskOperations operations, SummaryPrinter printer) {
        this.operations = operations;
        this.printer = printer;
    }

    /** Runs {@code args} (the words after "tasks") and returns the exit code it earned. */
    public ExitCodes run(List<String> args) {
        try {
            if (args.isEmpty()) {
                throw new JdbcTaskOperations.TaskOperationException(USAGE);
            }
            String verb = args.get(0);
            switch (verb) {
                case "list" -> {
                    String status = null;
                    int limit = 50;
                    for (String arg : args.subList(1, args.size())) {
                        if (arg.startsWith("status=")) {
                            status = arg.substring("status=".length());
                        } else if (arg.startsWith("limit=")) {
                            limit = positive(arg.substring("limit=".length()), "limit");
                        } else {
                            throw new JdbcTaskOperations.TaskOperationException("Unknown argument '" + arg + "'. " + USAGE);
                        }
                    }
                    printer.tasks(operations.list(status, limit));
                    return ExitCodes.COMPLETED;
                }
                case "approve", "cancel", "requeue" -> {
                    if (args.size() != 2) {
                        throw new JdbcTaskOperations.TaskOperationException(USAGE);
                    }
                    long id = positive(args.get(1), "task id");
                    switch (verb) {
                        case "approve" -> operations.approve(id);
                        case "cancel" -> operations.cancel(id);
                        default -> operations.requeue(id);
                    }
                    printer.outcome(ExitCodes.COMPLETED, "task " + id + ": " + verb + "d");
                    return ExitCodes.COMPLETED;
                }
                default -> throw new JdbcTaskOperations.TaskOperationException("Unknown tasks command '" + verb + "'. " + USAGE);
            }
        } catch (JdbcTaskOperations.TaskOperationException e) {
            printer.outcome(ExitCodes.INVALID_CONFIGURATION, e.getMessage());
            return ExitCodes.INVALID_CONFIGURATION;
        }
    }

    private static int positive(String text, String what) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new JdbcTaskOperations.TaskOperationException(what + " must be a positive whole number, got '" + text + "'");
    }
}
