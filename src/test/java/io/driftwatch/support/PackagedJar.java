package io.driftwatch.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged jar (system property {@code driftwatch.jar}, set by Failsafe) as a CronJob runs it:
 * {@code java -jar} with arguments and environment, to its exit. A process that has not exited after
 * three minutes is killed and the test fails with its output, instead of hanging the build.
 */
public final class PackagedJar {

    /** The process's exit code and its interleaved stdout and stderr. */
    public record Result(int exitCode, String output) {
    }

    private PackagedJar() {
    }

    /** {@code java -jar driftwatch.jar args…} with the JVM running the tests. */
    public static List<String> command(List<String> args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-jar", System.getProperty("driftwatch.jar")));
        command.addAll(args);
        return command;
    }

    public static Result run(List<String> args, Map<String, String> environment) throws IOException, InterruptedException {
        Path output = Files.createTempFile("driftwatch-jar", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command(args)).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                fail("java -jar " + args + " did not exit within 3 minutes; its output:\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
