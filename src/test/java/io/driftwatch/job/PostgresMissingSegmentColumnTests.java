package io.driftwatch.job;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.driftwatch.support.PostgresSchema;
import io.driftwatch.support.RequiresPostgres;

/** A missing segment column on real PostgreSQL. */
@RequiresPostgres
class PostgresMissingSegmentColumnTests extends AbstractMissingSegmentColumnTests {

    private static final PostgresSchema SCHEMA = new PostgresSchema("dw_segments_missing");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
    }

    @AfterAll
    static void dropSchema() {
        SCHEMA.drop();
    }
}
