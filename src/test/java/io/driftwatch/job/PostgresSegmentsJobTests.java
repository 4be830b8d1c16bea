package io.driftwatch.job;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.driftwatch.support.PostgresSchema;
import io.driftwatch.support.RequiresPostgres;

/** Segments on real PostgreSQL; the wide table has a million distinct segment values. */
@RequiresPostgres
class PostgresSegmentsJobTests extends AbstractSegmentsJobTests {

    private static final PostgresSchema SCHEMA = new PostgresSchema("dw_segments");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
    }

    @AfterAll
    static void dropSchema() {
        SCHEMA.drop();
    }

    @Override
    int wideRowsPerWindow() {
        return 500_000;
    }

    @Override
    String wideInsert() {
        return "INSERT INTO wide_segments SELECT TIMESTAMPTZ '2026-01-01 00:00:00+00' + x * INTERVAL '5 seconds',"
                + " x * 0.001, 'u' || x FROM generate_series(1, ?) AS x UNION ALL"
                + " SELECT TIMESTAMPTZ '2026-05-01 00:00:00+00' + x * INTERVAL '0.1 seconds', x * 0.002, 'v' || x"
                + " FROM generate_series(1, ?) AS x";
    }
}
