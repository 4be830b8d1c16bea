package io.driftwatch.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import io.driftwatch.config.Monitor;
import io.driftwatch.config.Relation;
import io.driftwatch.db.Dialect;
import io.driftwatch.db.SqlIdentifier;
import io.driftwatch.profile.FeatureType;
import io.driftwatch.support.PostgresTestDatabase;
import io.driftwatch.support.RequiresPostgres;

/**
 * A query source on PostgreSQL: the window predicate stays sargable (the plan for a window of a join reads
 * the fact table through its timestamp index, as it does for a table), and a query cannot write even when
 * it shares the report database's read-write step transaction.
 */
@RequiresPostgres
class PostgresQuerySourceTest {

    private static String url;
    private static SingleConnectionDataSource dataSource;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void tables() {
        url = PostgresTestDatabase.freshSchemaUrl("dw_querysource");
        dataSource = new SingleConnectionDataSource(url, true);
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE facts (id BIGINT PRIMARY KEY, scored_at TIMESTAMPTZ NOT NULL, income DOUBLE PRECISION,"
                + " test_traffic BOOLEAN NOT NULL)");
        jdbc.execute("CREATE TABLE channels (id BIGINT PRIMARY KEY, channel VARCHAR(20))");
        jdbc.execute("INSERT INTO facts SELECT i, TIMESTAMPTZ '2026-01-01 00:00:00+00' + i * INTERVAL '1 minute',"
                + " random() * 1000, i % 50 = 0 FROM generate_series(1, 100000) i");
        jdbc.execute("INSERT INTO channels SELECT i, CASE WHEN i % 3 = 0 THEN 'web' ELSE 'branch' END"
                + " FROM generate_series(1, 100000) i");
        jdbc.execute("CREATE INDEX facts_scored_at_ix ON facts (scored_at)");
        jdbc.execute("ANALYZE facts");
        jdbc.execute("ANALYZE channels");
    }

    @AfterAll
    static void drop() {
        if (dataSource != null) {
            dataSource.destroy();
        }
        if (url != null) {
            PostgresTestDatabase.dropSchemaOf(url);
        }
    }

    @Test
    void aJoinQuerysWindowIsReadThroughTheFactTablesTimestampIndex() {
        String plan = plan(new Relation.Query("""
                WITH live AS (SELECT * FROM facts WHERE NOT test_traffic)
                SELECT l.scored_at, l.income, c.channel FROM live l JOIN channels c ON c.id = l.id"""));

        assertThat(plan).contains("facts_scored_at_ix")
                .containsPattern("(Index|Recheck) Cond: \\(\\(scored_at >= .* AND \\(scored_at < ")
                .doesNotContain("Seq Scan on facts");
    }

    @Test
    void aTablesWindowIsReadThroughItsTimestampIndexToo() {
        assertThat(plan(new Relation.Table(SqlIdentifier.parse("facts")))).contains("facts_scored_at_ix")
                .containsPattern("(Index|Recheck) Cond: \\(\\(scored_at >= .* AND \\(scored_at < ")
                .doesNotContain("Seq Scan on facts");
    }

    @Test
    void aQueryThatWouldWriteFailsInsideTheStepsTransactionWhichStaysWritableAfterwards() {
        jdbc.execute("CREATE SEQUENCE IF NOT EXISTS draws");
        jdbc.execute("CREATE TABLE IF NOT EXISTS step_writes (n INTEGER)");
        Relation writing = new Relation.Query("SELECT scored_at, income + nextval('draws') AS income FROM facts");
        Relation reading = new Relation.Query("SELECT scored_at, income FROM facts WHERE NOT test_traffic");
        JdbcFeatureSource source = new JdbcFeatureSource(dataSource, Dialect.postgresql());
        Instant from = Instant.parse("2026-02-10T00:00:00Z");
        org.springframework.transaction.support.TransactionTemplate step = new org.springframework.transaction.support
                .TransactionTemplate(new org.springframework.jdbc.datasource.DataSourceTransactionManager(dataSource));

        step.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO step_writes VALUES (1)");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> source.profile(monitor(writing), writing, from,
                    from.plus(Duration.ofDays(1)), ZoneOffset.UTC, null)).hasMessageContaining("read-only transaction");
            assertThat(source.profile(monitor(reading), reading, from, from.plus(Duration.ofDays(1)), ZoneOffset.UTC, null)
                    .rowsRead()).isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM facts WHERE NOT test_traffic"
                    + " AND scored_at >= ? AND scored_at < ?", Long.class, from.atOffset(ZoneOffset.UTC),
                    from.plus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC)));
            jdbc.update("INSERT INTO step_writes VALUES (2)");
        });

        assertThat(jdbc.queryForList("SELECT n FROM step_writes ORDER BY n", Integer.class)).containsExactly(1, 2);
        assertThat(jdbc.queryForObject("SELECT last_value FROM draws", Long.class)).isEqualTo(1L);
        assertThat(jdbc.queryForObject("SELECT is_called FROM draws", Boolean.class)).isFalse();
    }

    private static Monitor monitor(Relation relation) {
        return new Monitor("plan", "m", relation, SqlIdentifier.parse("scored_at"),
                new Monitor.Baseline(relation, null, null, null), Duration.ofDays(1),
                List.of(new Monitor.Feature("income", FeatureType.NUMERIC, SqlIdentifier.parse("income"), List.of())),
                Monitor.RetrainingPolicy.REFERENCE_DEFAULTS, SqlIdentifier.parse("model_performance"),
                io.driftwatch.config.MethodPlan.DEFAULT);
    }

    /** The plan of the statement the source runs for one day of {@code relation}, with sequential scans made costly. */
    private static String plan(Relation relation) {
        Monitor monitor = monitor(relation);
        JdbcFeatureSource source = new JdbcFeatureSource(dataSource, Dialect.postgresql());
        Instant from = Instant.parse("2026-02-10T00:00:00Z");
        Map.Entry<String, Object[]> statement = source.profileStatement(monitor, relation, from, from.plus(Duration.ofDays(1)),
                ZoneOffset.UTC);
        // Only an unusable index makes a sequential scan the plan now.
        jdbc.execute("SET enable_seqscan = off");
        try {
            return String.join("\n", jdbc.queryForList("EXPLAIN " + statement.getKey(), String.class, statement.getValue()));
        } finally {
            jdbc.execute("RESET enable_seqscan");
        }
    }
}
