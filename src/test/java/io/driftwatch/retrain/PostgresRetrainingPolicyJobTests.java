package io.driftwatch.retrain;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.driftwatch.support.PostgresSchema;
import io.driftwatch.support.RequiresPostgres;

/** The retraining guardrails on real PostgreSQL. */
@RequiresPostgres
class PostgresRetrainingPolicyJobTests extends AbstractRetrainingPolicyJobTests {

    private static final PostgresSchema SCHEMA = new PostgresSchema("dw_policy");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
    }

    @AfterAll
    static void dropSchema() {
        SCHEMA.drop();
    }
}
