package io.driftwatch.ops;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus Pushgateway (Debian's prometheus-pushgateway) on a free loopback port, without
 * persistence, for the lifetime of a test.
 */
final class LocalPushgateway implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private LocalPushgateway(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static LocalPushgateway start(ExternalTool binary) throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path log = Files.createTempFile("pushgateway", ".log");
        // Debian's build persists to /var/lib/prometheus by default: an empty file name keeps it in memory.
        Process process = new ProcessBuilder(binary.path().toString(), "--web.listen-address=127.0.0.1:" + port,
                        "--persistence.file=")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LocalPushgateway gateway = new LocalPushgateway(process, port, log);
        // Ready when it answers; it either does within the bound or the test fails with its log.
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                gateway.metrics();
                return gateway;
            } catch (ConnectException notYet) {
                if (!process.isAlive()) {
                    break;
                }
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
        gateway.close();
        throw new IllegalStateException("the Pushgateway did not start on port " + port + ":\n" + Files.readString(log));
    }

    /** host:port, as driftwatch's pushgateway.address takes it. */
    String address() {
        return "127.0.0.1:" + port;
    }

    /** What Prometheus scrapes from it: every pushed group, grouping key labels included. */
    String metrics() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + address() + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /metrics answered " + response.statusCode());
        }
        return response.body();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        Files.deleteIfExists(log);
    }
}
