package io.driftwatch.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar running in the background, as a CronJob's pod runs it, for tests that interrupt it: its
 * output is collected line by line, a test can wait for a line, kill it (SIGKILL or SIGTERM) and read its exit.
 */
public final class JarProcess implements AutoCloseable {

    /** JVM flags that shorten the start of a short-lived test process; the product runs without them. */
    private static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");

    private final Process process;
    private final Thread reader;
    private final StringBuilder output = new StringBuilder();
    private final long startedNanos = System.nanoTime();

    private JarProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "jar-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** {@code java -jar driftwatch.jar args…} with {@code environment}, started now. */
    public static JarProcess start(List<String> args, Map<String, String> environment) throws IOException {
        return start(List.of(), args, environment);
    }

    /** {@code java jvmOptions… -jar driftwatch.jar args…} with {@code environment}, started now. */
    public static JarProcess start(List<String> jvmOptions, List<String> args, Map<String, String> environment)
            throws IOException {
        List<String> command = new ArrayList<>(PackagedJar.command(args));
        command.addAll(1, jvmOptions);
        command.addAll(1, QUICK_START);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new JarProcess(builder.start());
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                synchronized (output) {
                    output.append(line).append('\n');
                    output.notifyAll();
                }
            }
        } catch (IOException ended) {
            // the process is gone
        } finally {
            synchronized (output) {
                output.notifyAll();
            }
        }
    }

    /** Waits until a line containing {@code text} was printed; false when the process ended or time ran out first. */
    public boolean awaitLine(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (output) {
            while (output.indexOf(text) < 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
                    return output.indexOf(text) >= 0;
                }
                TimeUnit.NANOSECONDS.timedWait(output, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
            }
            return true;
        }
    }

    /** SIGKILL, as the kernel's OOM killer or {@code kill -9} ends a pod's process. */
    public void kill() {
        process.destroyForcibly();
    }

    /** SIGTERM, as Kubernetes asks a pod to stop. */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** SIGINT, as Ctrl-C in a terminal. */
    public void interrupt() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -INT " + process.pid() + " exited " + kill.exitValue());
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, once the process has ended (at most {@code timeout}); a process still running then is killed. */
    public int exitCode(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("java -jar did not exit within " + timeout + "; its output:\n" + output());
        }
        reader.join(10_000);
        return process.exitValue();
    }

    /** Time since the process was started. */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    public String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
