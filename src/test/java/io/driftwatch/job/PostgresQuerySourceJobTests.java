package io.driftwatch.job;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.driftwatch.support.PostgresSchema;
import io.driftwatch.support.RequiresPostgres;

/** Query sources on real PostgreSQL, in a schema of their own. */
@RequiresPostgres
class PostgresQuerySourceJobTests extends AbstractQuerySourceJobTests {

    private static final PostgresSchema SCHEMA = new PostgresSchema("dw_querysrc");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
    }

    @AfterAll
    static void dropSchema() {
        SCHEMA.drop();
    }
}
