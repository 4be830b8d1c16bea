package io.driftwatch.ops;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A program the operator tests run (promtool, the Pushgateway, node). Outside CI a missing one skips the
 * calling test with a message saying how to install it; under CI ({@code CI=true}) it fails the test, since
 * .ci/run installs every one of them.
 */
record ExternalTool(Path path) {

    /** The process's exit code and its interleaved stdout and stderr. */
    record Result(int exitCode, String output) {
    }

    /** Finds {@code name} on the PATH, or skips (outside CI) or fails (under CI) the calling test. */
    static ExternalTool require(String name, String howToInstall) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return new ExternalTool(candidate);
            }
        }
        String message = name + " is not on the PATH: " + howToInstall + " (.ci/run installs it)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + "; under CI this test is required");
        }
        Assumptions.abort(message + "; skipped");
        throw new AssertionError("unreachable");
    }

    /** Runs the tool with {@code args} in {@code directory} to its exit, killing it after two minutes. */
    Result run(Path directory, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(path.toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("driftwatch-tool", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                fail(command + " did not exit within 2 minutes; its output:\n" + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
