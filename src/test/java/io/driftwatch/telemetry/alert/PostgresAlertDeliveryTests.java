package io.driftwatch.telemetry.alert;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.driftwatch.support.PostgresSchema;
import io.driftwatch.support.RequiresPostgres;

/** Incident webhooks on real PostgreSQL, in a schema of their own. */
@RequiresPostgres
class PostgresAlertDeliveryTests extends AbstractAlertDeliveryTests {

    private static final PostgresSchema SCHEMA = new PostgresSchema("dw_alerttest");
    private static final LocalSinks SINKS = new LocalSinks();

    @DynamicPropertySource
    static void postgresAndSinks(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
        SINKS.register(registry);
    }

    @AfterAll
    static void dropSchemaAndStopSinks() {
        SINKS.close();
        SCHEMA.drop();
    }

    @Override
    LocalSinks sinks() {
        return SINKS;
    }
}
