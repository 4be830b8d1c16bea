package io.driftwatch.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariDataSource;

import io.driftwatch.ExitCodes;

class PostgresConnectionSettingsTest {

    private final PostgresConnectionSettings settings = new PostgresConnectionSettings(DatabaseTimeouts.DEFAULTS);

    @Test
    void givesThePostgresDriverTimeoutsAndAnApplicationName() {
        HikariDataSource pool = pool("jdbc:postgresql://db.example:5432/features");

        settings.postProcessAfterInitialization(pool, "dataSource");

        assertThat(pool.getDataSourceProperties()).containsEntry("ApplicationName", "driftwatch")
                .containsEntry("connectTimeout", "10").containsEntry("loginTimeout", "10")
                .containsEntry("socketTimeout", "1800");
    }

    @Test
    void aValueInTheUrlOrTheDriverPropertiesWins() {
        HikariDataSource pool = pool("jdbc:postgresql://db.example:5432/features?sslmode=require&socketTimeout=60");
        pool.addDataSourceProperty("ApplicationName", "nightly-drift");

        settings.postProcessAfterInitialization(pool, "dataSource");

        assertThat(pool.getDataSourceProperties()).containsEntry("ApplicationName", "nightly-drift")
                .doesNotContainKey("socketTimeout").containsEntry("loginTimeout", "10");
    }

    @Test
    void otherDatabasesAreLeftAlone() {
        HikariDataSource pool = pool("jdbc:h2:mem:x");

        settings.postProcessAfterInitialization(pool, "dataSource");

        assertThat(pool.getDataSourceProperties()).isEmpty();
    }

    @Test
    void timeoutsAreWholeSecondsRoundedUp() {
        assertThat(DatabaseTimeouts.seconds(Duration.ofMillis(1500))).isEqualTo("2");
        assertThat(DatabaseTimeouts.seconds(Duration.ZERO)).isEqualTo("0");
    }

    @Test
    void aServerThatNeverAnswersFailsWithinTheLoginTimeoutNamingTheHostAndTheKey() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/test";
            Properties driver = new Properties();
            driver.setProperty("user", "postgres");
            DatabaseTimeouts timeouts = new DatabaseTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1),
                    Duration.ofMinutes(30));
            HikariDataSource pool = pool(url);
            new PostgresConnectionSettings(timeouts).postProcessAfterInitialization(pool, "dataSource");
            driver.putAll(pool.getDataSourceProperties());

            long start = System.nanoTime();
            SQLException failure = null;
            try {
                DriverManager.getConnection(url, driver).close();
            } catch (SQLException e) {
                failure = e;
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - start);

            assertThat((Object) failure).isNotNull();
            assertThat(waited).isLessThan(Duration.ofSeconds(5));
            DatabaseUnreachableException unreachable = DatabaseUnreachableException.of(failure, url, timeouts);
            assertThat(unreachable).isNotNull();
            assertThat(unreachable.getMessage()).contains("127.0.0.1:" + silent.getLocalPort())
                    .contains("driftwatch.database.login-timeout (PT1S)");
            assertThat(unreachable.getExitCode()).isEqualTo(ExitCodes.FAILED.code());
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void otherFailuresAreNotConnectionFailures() {
        assertThat(DatabaseUnreachableException.of(new SQLException("syntax error", "42601"), null,
                DatabaseTimeouts.DEFAULTS)).isNull();
        assertThat(DatabaseUnreachableException.isConnectionFailure(new RuntimeException("JDBC rollback failed",
                new SQLException("Connection is closed")))).isTrue();
        assertThat(DatabaseUnreachableException.host("jdbc:postgresql://a:1,b:2/db?x=y")).isEqualTo("a:1,b:2");
    }

    private static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        return pool;
    }
}
