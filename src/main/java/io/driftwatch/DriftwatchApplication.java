package io.driftwatch;

import java.util.List;

import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.config.ConfigDataNotFoundException;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import io.driftwatch.cli.CommandLineCheck;
import io.driftwatch.cli.ConsolePrinter;
import io.driftwatch.cli.Usage;
import io.driftwatch.job.WarmUp;
import io.driftwatch.telemetry.ExitFlush;

/**
 * driftwatch's entry point: one job per process, and the process exit code is the job's outcome
 * (see {@link io.driftwatch.ExitCodes}). The command line is checked before anything starts: {@code --help}
 * prints the usage and a command line that cannot be used exits 2, neither touching a database.
 */
@SpringBootApplication
public class DriftwatchApplication {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one process's command and returns its exit code. */
    static int run(String... args) {
        ConsolePrinter printer = new ConsolePrinter(System.out);
        CommandLineCheck.Verdict verdict = CommandLineCheck.check(args, System.getenv());
        if (verdict instanceof CommandLineCheck.Help) {
            printer.usage(Usage.text());
            return ExitCodes.COMPLETED.code();
        }
        if (verdict instanceof CommandLineCheck.Reject reject) {
            printer.outcome(ExitCodes.INVALID_CONFIGURATION, reject.message());
            return ExitCodes.INVALID_CONFIGURATION.code();
        }
        // the profile and drift code compiled on an idle core while the context starts (see WarmUp)
        WarmUp.start(List.of(args), System.getenv());
        try {
            SpringApplication application = new SpringApplication(DriftwatchApplication.class);
            // On SIGTERM (Spring Boot's own hook is off) export the trace and final meters before the JVM halts.
            application.addListeners(ExitFlush.onTermination());
            return SpringApplication.exit(application.run(args));
        } catch (Throwable startupFailure) {
            // Spring Boot has already reported the failure; keep the documented exit code of its cause.
            return startupExitCode(startupFailure);
        }
    }

    static int startupExitCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ExitCodeGenerator generator && generator.getExitCode() != 0) {
                return generator.getExitCode();
            }
            // A configuration file that is missing or is not YAML: reported by a failure analyzer, naming the file.
            if (t instanceof ConfigDataNotFoundException || t instanceof MarkedYAMLException) {
                return ExitCodes.INVALID_CONFIGURATION.code();
            }
        }
        return ExitCodes.UNEXPECTED.code();
    }
}
