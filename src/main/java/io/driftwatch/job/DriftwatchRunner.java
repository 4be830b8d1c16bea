package io.driftwatch.job;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.config.MonitorCatalog;
import io.driftwatch.demo.DemoData;
import io.driftwatch.telemetry.ProcessPeaks;
import io.driftwatch.telemetry.SummaryPrinter;

/**
 * The process's one job: parse {@code runDate=...}, load the demo data when running on the
 * embedded default, launch driftJob and keep its exit code for {@code SpringApplication.exit}.
 */
public class DriftwatchRunner implements ApplicationRunner, ExitCodeGenerator {

    private static final Logger log = LoggerFactory.getLogger(DriftwatchRunner.class);

    private final DriftJobLauncher launcher;
    private final MonitorCatalog catalog;
    private final JdbcTemplate jdbc;
    private final SummaryPrinter printer;
    private final Clock clock;
    private final String jobName;
    private volatile int exitCode;

    public DriftwatchRunner(DriftJobLauncher launcher, MonitorCatalog catalog, JdbcTemplate jdbc, SummaryPrinter printer,
                            Clock clock, String jobName) {
        this.launcher = launcher;
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.printer = printer;
        this.clock = clock;
        this.jobName = jobName;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!DriftJobConfiguration.JOB_NAME.equals(jobName)) {
            finish(ExitCodes.INVALID_CONFIGURATION, "Unknown job '" + jobName + "'. Use --spring.batch.job.name="
                    + DriftJobConfiguration.JOB_NAME + " (the default).");
            return;
        }
        JobArguments arguments;
        try {
            arguments = JobArguments.parse(args.getNonOptionArgs(), clock, catalog.zone());
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

    private void finish(ExitCodes code, String message) {
        exitCode = code.code();
        printer.outcome(code, message);
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
