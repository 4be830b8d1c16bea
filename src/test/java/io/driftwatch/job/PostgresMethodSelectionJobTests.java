package io.driftwatch.job;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.driftwatch.support.PostgresSchema;
import io.driftwatch.support.RequiresPostgres;

/** Method selection and correction on real PostgreSQL. */
@RequiresPostgres
class PostgresMethodSelectionJobTests extends AbstractMethodSelectionJobTests {

    private static final PostgresSchema SCHEMA = new PostgresSchema("dw_selection");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
    }

    @AfterAll
    static void dropSchema() {
        SCHEMA.drop();
    }
}
