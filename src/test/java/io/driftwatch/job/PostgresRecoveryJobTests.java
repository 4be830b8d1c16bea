package io.driftwatch.job;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.driftwatch.support.PostgresSchema;
import io.driftwatch.support.RequiresPostgres;

/** Recovery of what a dead or disconnected process leaves, on real PostgreSQL, in a schema of its own. */
@RequiresPostgres
class PostgresRecoveryJobTests extends AbstractRecoveryJobTests {

    private static final PostgresSchema SCHEMA = new PostgresSchema("dw_recoverytest");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
    }

    @AfterAll
    static void dropSchema() {
        SCHEMA.drop();
    }
}
