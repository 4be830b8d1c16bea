package io.driftwatch.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Assumptions;

/**
 * The real PostgreSQL the tests run against. Its JDBC URL comes from {@code DRIFTWATCH_TEST_POSTGRES_URL}
 * (e.g. {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}); .ci/run exports it. Without it the
 * PostgreSQL tests are skipped with a message, except under CI ({@code CI=true}), where a missing or
 * unreachable database fails them: CI never silently skips the production database.
 */
public final class PostgresTestDatabase {

    public static final String URL_VARIABLE = "DRIFTWATCH_TEST_POSTGRES_URL";

    /** JUnit reports a skip reason only in the XML reports; the first one is also printed, once per test JVM. */
    private static final AtomicBoolean SKIP_ANNOUNCED = new AtomicBoolean();

    private PostgresTestDatabase() {
    }

    /** The base URL, or aborts (skips) the calling test when PostgreSQL is not configured outside CI. */
    public static String baseUrl() {
        String skip = skipReason();
        if (skip != null) {
            Assumptions.abort(skip);
        }
        return System.getenv(URL_VARIABLE);
    }

    /**
     * Why the PostgreSQL tests cannot run here, or null when they can. Outside CI the reason is also printed on
     * the console the first time, since Surefire shows skipped tests there only as a count. Under CI a missing or
     * unreachable database throws instead: the PostgreSQL tests are required.
     */
    public static String skipReason() {
        String url = System.getenv(URL_VARIABLE);
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (url == null || url.isBlank()) {
            if (ci) {
                throw new IllegalStateException(URL_VARIABLE + " is not set under CI: the PostgreSQL tests are required. "
                        + ".ci/run exports it after starting PostgreSQL.");
            }
            return announce("PostgreSQL tests skipped: set " + URL_VARIABLE
                    + "=jdbc:postgresql://127.0.0.1:5432/test?user=postgres to run them (.ci/run does)");
        }
        try (Connection c = DriverManager.getConnection(url)) {
            c.isValid(5);
        } catch (SQLException e) {
            if (ci) {
                throw new IllegalStateException("PostgreSQL at " + url + " is unreachable under CI: " + e.getMessage(), e);
            }
            return announce("PostgreSQL tests skipped: " + url + " is unreachable (" + e.getMessage() + ")");
        }
        return null;
    }

    private static String announce(String reason) {
        if (SKIP_ANNOUNCED.compareAndSet(false, true)) {
            System.out.println("[driftwatch tests] " + reason);
        }
        return reason;
    }

    /** Creates a fresh schema and returns a URL whose connections use it, so test classes never share tables. */
    public static String freshSchemaUrl(String prefix) {
        String base = baseUrl();
        String schema = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test schema " + schema + ": " + e.getMessage(), e);
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Drops a schema created by {@link #freshSchemaUrl}. */
    public static void dropSchemaOf(String url) {
        int at = url.indexOf("currentSchema=");
        if (at < 0) {
            return;
        }
        String schema = url.substring(at + "currentSchema=".length()).split("&")[0];
        try (Connection c = DriverManager.getConnection(baseUrl()); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            // leaving a uniquely named schema behind is harmless
        }
    }
}
