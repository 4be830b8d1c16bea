package io.driftwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.driftwatch.config.MonitorCatalog;
import io.driftwatch.config.Relation;
import io.driftwatch.db.SqlIdentifier;
import io.driftwatch.profile.NumericProfile;
import io.driftwatch.source.JdbcFeatureSource;
import io.driftwatch.support.PostgresSchema;
import io.driftwatch.support.PostgresTestDatabase;
import io.driftwatch.support.RequiresPostgres;

/** Edge cases end to end on real PostgreSQL; the feature tables live in schema edge_other, beside the test's own. */
@RequiresPostgres
class PostgresEdgeCaseJobTests extends AbstractEdgeCaseJobTests {

    private static final PostgresSchema SCHEMA = new PostgresSchema("dw_edgecases");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
    }

    @AfterAll
    static void dropSchemas() throws java.sql.SQLException {
        SCHEMA.drop();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(PostgresTestDatabase.baseUrl());
             java.sql.Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS edge_other CASCADE");
        }
    }

    @Autowired JdbcFeatureSource featureSource;
    @Autowired MonitorCatalog catalog;

    @Test
    void numericColumnsHoldingNaNInfinitiesAndValuesBeyondADoubleAreCountedAsNonFiniteNotBinned() {
        // given PostgreSQL's numeric: NaN, Infinity (PostgreSQL 14+) and values no double can hold
        jdbc.execute("DROP TABLE IF EXISTS edge_other.edge_numeric");
        jdbc.execute("CREATE TABLE edge_other.edge_numeric (scored_local TIMESTAMP NOT NULL, \"order\" NUMERIC)");
        jdbc.execute("INSERT INTO edge_other.edge_numeric VALUES ('2026-06-01 00:00', 1.5), ('2026-06-01 00:00', 'NaN'),"
                + " ('2026-06-01 00:00', 'Infinity'), ('2026-06-01 00:00', '-Infinity'), ('2026-06-01 00:00', 1e400),"
                + " ('2026-06-01 00:00', -1e400), ('2026-06-01 00:00', 1e-400), ('2026-06-01 00:00', NULL),"
                + " ('2026-06-01 00:00', 2.5)");

        // when
        NumericProfile order = (NumericProfile) featureSource.profile(catalog.require("edge-local"),
                new Relation.Table(SqlIdentifier.parse("edge_other.edge_numeric")), null, null, BERLIN, null)
                .features().get("order");

        // then 1e400 reads as +Infinity and 1e-400 as 0, as the nearest doubles; nothing fails
        assertThat(order.nanCount()).isEqualTo(1);
        assertThat(order.infiniteCount()).isEqualTo(4);
        assertThat(order.missing()).isEqualTo(1);
        assertThat(order.min()).isEqualTo(0.0);
        assertThat(order.max()).isEqualTo(2.5);
    }
}
