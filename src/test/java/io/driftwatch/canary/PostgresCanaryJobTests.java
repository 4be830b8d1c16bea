package io.driftwatch.canary;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.driftwatch.support.PostgresSchema;
import io.driftwatch.support.RequiresPostgres;

/** canaryJob in process on real PostgreSQL, in a schema of its own. */
@RequiresPostgres
class PostgresCanaryJobTests extends AbstractCanaryJobTests {

    private static final PostgresSchema SCHEMA = new PostgresSchema("dw_canaryjob");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
    }

    @AfterAll
    static void dropSchema() {
        SCHEMA.drop();
    }
}
