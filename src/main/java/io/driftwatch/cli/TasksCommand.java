package io.driftwatch.cli;

import java.util.List;

import io.driftwatch.ExitCodes;
import io.driftwatch.retrain.JdbcTaskQueries;
import io.driftwatch.retrain.queue.RetrainingQueue;
import io.driftwatch.retrain.queue.TaskOperationException;
import io.driftwatch.retrain.queue.TaskStatus;

/**
 * The operator's command line for the retraining queue:
 * <pre>
 *   tasks list [status=PENDING] [limit=50]
 *   tasks approve ID      AWAITING_APPROVAL → PENDING
 *   tasks cancel ID       PENDING, RETRYABLE, AWAITING_APPROVAL or RUNNING → CANCELLED
 *   tasks requeue ID      FAILED or CANCELLED → PENDING with attempts reset
 * </pre>
 */
public final class TasksCommand extends NamedCommand {

    static final String WORD = "tasks";
    static final String USAGE = "Usage: tasks list [status=STATUS] [limit=N] | tasks approve ID | tasks cancel ID"
            + " | tasks requeue ID";

    private final JdbcTaskQueries queries;
    private final RetrainingQueue queue;
    private final ConsolePrinter printer;

    public TasksCommand(JdbcTaskQueries queries, RetrainingQueue queue, ConsolePrinter printer) {
        super(WORD, true);
        this.queries = queries;
        this.queue = queue;
        this.printer = printer;
    }

    @Override
    public Outcome run(List<String> args) {
        if (args.isEmpty()) {
            throw new UsageException(USAGE);
        }
        String verb = args.get(0);
        try {
            return switch (verb) {
                case "list" -> list(args.subList(1, args.size()));
                case "approve", "cancel", "requeue" -> {
                    if (args.size() != 2) {
                        throw new UsageException(USAGE);
                    }
                    long id = positive(args.get(1), "task id");
                    String done = switch (verb) {
                        case "approve" -> {
                            queue.approve(id);
                            yield "approved";
                        }
                        case "cancel" -> {
                            queue.cancel(id);
                            yield "cancelled";
                        }
                        default -> {
                            queue.requeue(id);
                            yield "requeued";
                        }
                    };
                    yield new Outcome(ExitCodes.COMPLETED, "task " + id + ": " + done);
                }
                default -> throw new UsageException("Unknown tasks command '" + verb + "'. " + USAGE);
            };
        } catch (TaskOperationException e) {
            return new Outcome(ExitCodes.INVALID_CONFIGURATION, e.getMessage());
        }
    }

    private Outcome list(List<String> args) {
        TaskStatus status = null;
        int limit = 50;
        for (String arg : args) {
            if (arg.startsWith("status=")) {
                try {
                    status = TaskStatus.parse(arg.substring("status=".length()));
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
            } else if (arg.startsWith("limit=")) {
                limit = (int) Math.min(Integer.MAX_VALUE, positive(arg.substring("limit=".length()), "limit"));
            } else {
                throw new UsageException("Unknown argument '" + arg + "'. " + USAGE);
            }
        }
        var tasks = queries.list(status, limit);
        printer.tasks(tasks);
        return new Outcome(ExitCodes.COMPLETED, "tasks list");
    }

    private static long positive(String text, String what) {
        try {
            long n = Long.parseLong(text.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(what + " must be a positive whole number, got '" + text + "'");
    }
}
