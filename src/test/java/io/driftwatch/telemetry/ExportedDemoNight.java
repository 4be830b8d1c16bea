package io.driftwatch.telemetry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.springframework.boot.SpringApplication;

import io.driftwatch.DriftwatchApplication;

/**
 * One demo night, run once per test JVM as a short-lived process configured to export everything it can: its trace
 * and final metrics over OTLP/HTTP to a local collector, and its final Prometheus metrics to a local Pushgateway. The
 * export tests read what those local HTTP servers received, so that one run serves them all.
 */
final class ExportedDemoNight {

    /** A request a local server received. */
    record Request(String method, String path, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static ExportedDemoNight night;

    final int exitCode;
    final List<Request> traces;
    final List<Request> metrics;
    final List<Request> pushes;

    private ExportedDemoNight(int exitCode, List<Request> traces, List<Request> metrics, List<Request> pushes) {
        this.exitCode = exitCode;
        this.traces = List.copyOf(traces);
        this.metrics = List.copyOf(metrics);
        this.pushes = List.copyOf(pushes);
    }

    /** The night, run on first use: the servers stop once the process has exited and flushed its exports. */
    static synchronized ExportedDemoNight get() {
        if (night == null) {
            night = run();
        }
        return night;
    }

    private static ExportedDemoNight run() {
        List<Request> traces = new CopyOnWriteArrayList<>();
        List<Request> metrics = new CopyOnWriteArrayList<>();
        List<Request> pushes = new CopyOnWriteArrayList<>();
        HttpServer collector = server();
        HttpServer pushgateway = server();
        record(collector, "/v1/traces", traces);
        record(collector, "/v1/metrics", metrics);
        record(pushgateway, "/", pushes);
        collector.start();
        pushgateway.start();
        try {
            String otlp = "http://127.0.0.1:" + collector.getAddress().getPort();
            int exit = SpringApplication.exit(SpringApplication.run(DriftwatchApplication.class,
                    "--spring.datasource.url=jdbc:h2:mem:exported-night;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                    "--management.opentelemetry.tracing.export.otlp.endpoint=" + otlp + "/v1/traces",
                    "--management.otlp.metrics.export.enabled=true",
                    "--management.otlp.metrics.export.url=" + otlp + "/v1/metrics",
                    "--management.otlp.metrics.export.step=1h",
                    "--management.prometheus.metrics.export.pushgateway.enabled=true",
                    "--management.prometheus.metrics.export.pushgateway.address=127.0.0.1:" + pushgateway.getAddress().getPort(),
                    "--management.prometheus.metrics.export.pushgateway.format=text",
                    "--management.prometheus.metrics.export.pushgateway.push-rate=1h",
                    "runDate=2026-05-01"));
            return new ExportedDemoNight(exit, traces, metrics, pushes);
        } finally {
            collector.stop(0);
            pushgateway.stop(0);
        }
    }

    private static HttpServer server() {
        try {
            return HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void record(HttpServer server, String path, List<Request> into) {
        server.createContext(path, exchange -> {
            into.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
    }
}
