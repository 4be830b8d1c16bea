package io.driftwatch.cli;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.ApplicationEventPublisher;

import io.driftwatch.ExitCodes;
import io.driftwatch.job.PausePoint;
import io.driftwatch.job.Termination;
import io.driftwatch.telemetry.RunEvents;

/**
 * Runs the process's one command and keeps its exit code for {@code SpringApplication.exit}: the
 * command word that starts the command line ({@code tasks ...}), else the job named by
 * {@code --spring.batch.job.name} (driftJob by default).
 */
public final class CommandRunner implements ApplicationRunner, ExitCodeGenerator {

    private final Map<String, Command> commands;
    private final String jobName;
    private final ConsolePrinter printer;
    private final ApplicationEventPublisher events;
    private final int alreadyCompleteCode;
    private volatile int exitCode;

    public CommandRunner(List<Command> commands, String jobName, ConsolePrinter printer, ApplicationEventPublisher events) {
        this(commands, jobName, printer, events, ExitCodes.ALREADY_COMPLETE.code());
    }

    /**
     * @param alreadyCompleteCode the process exit code for {@link ExitCodes#ALREADY_COMPLETE}
     *                            ({@code driftwatch.exit-codes.already-complete}: 0 under a Kubernetes CronJob)
     */
    public CommandRunner(List<Command> commands, String jobName, ConsolePrinter printer, ApplicationEventPublisher events,
                         int alreadyCompleteCode) {
        this.alreadyCompleteCode = alreadyCompleteCode;
        this.commands = commands.stream().collect(Collectors.toUnmodifiableMap(Command::name, Function.identity()));
        this.jobName = jobName;
        this.printer = printer;
        this.events = events;
    }

    @Override
    public void run(ApplicationArguments args) {
        Termination.handleSignals();
        // main checked the command line already; this catches the same mistakes when the application is started otherwise
        CommandLineCheck.Verdict verdict = CommandLineCheck.check(args.getSourceArgs(), Map.of());
        if (verdict instanceof CommandLineCheck.Help) {
            printer.usage(Usage.text());
            finish(jobName, new Outcome(ExitCodes.COMPLETED, "usage printed; nothing was run"));
            return;
        }
        if (verdict instanceof CommandLineCheck.Reject reject) {
            finish(jobName, new Outcome(ExitCodes.INVALID_CONFIGURATION, reject.message()));
            return;
        }
        List<String> words = args.getNonOptionArgs();
        Command word = words.isEmpty() ? null : commands.get(words.get(0));
        boolean byWord = word != null && word.isWord();
        Command command = byWord ? word : commands.get(jobName);
        if (command == null || (!byWord && command.isWord())) {
            finish(jobName, new Outcome(ExitCodes.INVALID_CONFIGURATION, "Unknown job '" + jobName + "'. Use"
                    + " --spring.batch.job.name=" + jobNames() + " (driftJob is the default), or a command: "
                    + String.join(", ", commands.values().stream().filter(Command::isWord).map(Command::name).sorted().toList())));
            return;
        }
        Outcome outcome;
        try {
            outcome = command.run(byWord ? words.subList(1, words.size()) : words);
        } catch (UsageException e) {
            outcome = new Outcome(ExitCodes.INVALID_CONFIGURATION, e.getMessage());
        }
        finish(command.name(), outcome);
    }

    private String jobNames() {
        return String.join("|", commands.values().stream().filter(c -> !c.isWord()).map(Command::name).sorted().toList());
    }

    private void finish(String name, Outcome outcome) {
        exitCode = outcome.exitCode() == ExitCodes.ALREADY_COMPLETE ? alreadyCompleteCode : outcome.exitCode().code();
        // The code the process leaves: 143 after a SIGTERM during the command; a SIGTERM from now on exits with this one.
        int processExitCode = Termination.closingCode(exitCode);
        printer.outcome(processExitCode, outcome.exitCode(), outcome.message());
        PausePoint.reached("closing line");
        events.publishEvent(new RunEvents.ProcessFinished(name, outcome.exitCode()));
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
