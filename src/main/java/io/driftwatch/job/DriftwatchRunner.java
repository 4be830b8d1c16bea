package io.driftwatch.job;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.ExitCodes;
import io.driftwatch.config.MonitorCatalog;
import io.driftwatch.demo.DemoData;
import io.driftwatch.retrain.TaskCommand;
import io.driftwatch.telemetry.ProcessPeaks;
import io.driftwatch.telemetry.RunEvents;
import io.driftwatch.telemetry.SummaryPrinter;

/**
 * The process's one job: driftJob (parse {@code runDate=...}, load the demo data when running on
 * the embedded default), reaperJob, or an operator's {@code tasks ...} command; keeps the exit
 * code for {@code SpringApplication.exit}.
 */
public class DriftwatchRunner implements ApplicationRunner, ExitCodeGenerator {

    private static final Logger log = LoggerFactory.getLogger(DriftwatchRunner.class);

    private final DriftJobLauncher launcher;
    private final MonitorCatalog catalog;
    private final JdbcTemplate jdbc;
    private final SummaryPrinter printer;
    private final Clock clock;
    private final String jobName;
    private final TaskCommand tasks;
    private final Job reaperJob;
    private final Job canaryJob;
    private final String canaryOutput;
    private final org.springframework.context.ApplicationEventPublisher events;
    private volatile int exitCode;

    public DriftwatchRunner(DriftJobLauncher launcher, MonitorCatalog catalog, JdbcTemplate jdbc, SummaryPrinter printer,
                            Clock clock, String jobName, TaskCommand tasks, Job reaperJob, Job canaryJob, String canaryOutput,
                            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.tasks = tasks;
        this.reaperJob = reaperJob;
        this.canaryJob = canaryJob;
        this.canaryOutput = canaryOutput;
        this.launcher = launcher;
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.printer = printer;
        this.clock = clock;
        this.jobName = jobName;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> words = args.getNonOptionArgs();
        if (!words.isEmpty() && words.get(0).equals("tasks")) {
            ExitCodes code = tasks.run(words.subList(1, words.size()));
            exitCode = code.code();
            events.publishEvent(new RunEvents.ProcessFinished("tasks", code));
            return;
        }
        if (CanaryJobConfiguration.JOB_NAME.equals(jobName)) {
            runCanary(words);
            return;
        }
        if (ReaperJobConfiguration.JOB_NAME.equals(jobName)) {
            DriftJobLauncher.Outcome outcome = launcher.reap(reaperJob);
            finish(outcome.exitCode(), outcome.message());
            return;
        }
        if (!DriftJobConfiguration.JOB_NAME.equals(jobName)) {
            finish(ExitCodes.INVALID_CONFIGURATION, "Unknown job '" + jobName + "'. Use --spring.batch.job.name="
                    + DriftJobConfiguration.JOB_NAME + " (the default), " + CanaryJobConfiguration.JOB_NAME + " or "
                    + ReaperJobConfiguration.JOB_NAME
                    + ", or the operator command: tasks list|approve|cancel|requeue.");
            return;
        }
        if (catalog.monitors().isEmpty()) {
            finish(ExitCodes.INVALID_CONFIGURATION, "driftJob has no monitors to run: none are configured for this database."
                    + " Add driftwatch.monitors to application.yaml (see README, Configuration), or unset"
                    + " SPRING_DATASOURCE_URL to run the built-in demo on the embedded database.");
            return;
        }
        JobArguments arguments;
        try {
            arguments = JobArguments.parse(words, clock, catalog.zone());
        } catch (JobArguments.InvalidArgumentException e) {
            finish(ExitCodes.INVALID_CONFIGURATION, e.getMessage());
            return;
        }
        if (catalog.demo()) {
            log.info("No monitors configured and the embedded database is in use: running the built-in demo");
            DemoData.load(jdbc, arguments.runDate(), catalog.zone());
        }
        DriftJobLauncher.Outcome outcome = launcher.launch(arguments.runDate());
        log.info("driftJob {} for runDate={}: {}", outcome.exitCode(), arguments.runDate(), ProcessPeaks.describe());
        finish(outcome.exitCode(), outcome.message());
    }

    private void runCanary(List<String> words) {
        io.driftwatch.canary.CanaryRequest request;
        try {
            request = CanaryArguments.parse(words, clock);
        } catch (JobArguments.InvalidArgumentException | IllegalArgumentException e) {
            finish(ExitCodes.INVALID_CONFIGURATION, e.getMessage());
            return;
        }
        DriftJobLauncher.Outcome outcome = launcher.canary(canaryJob, request);
        if (outcome.execution() != null && outcome.execution().getExecutionContext().containsKey(CanaryJobConfiguration.VERDICT_JSON)) {
            String document = outcome.execution().getExecutionContext().getString(CanaryJobConfiguration.VERDICT_JSON);
            printer.json(document);
            if (canaryOutput != null && !canaryOutput.isBlank()) {
                try {
                    java.nio.file.Files.writeString(java.nio.file.Path.of(canaryOutput), document + "\n");
                } catch (java.io.IOException e) {
                    log.error("Could not write the verdict to {}", canaryOutput, e);
                }
            }
        }
        finish(outcome.exitCode(), outcome.message());
    }

    private void finish(ExitCodes code, String message) {
        exitCode = code.code();
        printer.outcome(code, message);
        events.publishEvent(new RunEvents.ProcessFinished(jobName, code));
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
