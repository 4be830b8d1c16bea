package io.driftwatch;

import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.driftwatch.telemetry.ExitFlush;

/**
 * driftwatch's entry point: one job per process, and the process exit code is the job's outcome
 * (see {@link io.driftwatch.ExitCodes}).
 */
@SpringBootApplication
public class DriftwatchApplication {

    public static void main(String[] args) {
        int exitCode;
        try {
            SpringApplication application = new SpringApplication(DriftwatchApplication.class);
            // On SIGTERM (Spring Boot's own hook is off) export the trace and final meters before the JVM halts.
            application.addListeners(ExitFlush.onTermination());
            exitCode = SpringApplication.exit(application.run(args));
        } catch (Throwable startupFailure) {
            // Spring Boot has already reported the failure; keep the documented exit code of its cause.
            exitCode = startupExitCode(startupFailure);
        }
        System.exit(exitCode);
    }

    static int startupExitCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ExitCodeGenerator generator && generator.getExitCode() != 0) {
                return generator.getExitCode();
            }
        }
        return 1;
    }
}
