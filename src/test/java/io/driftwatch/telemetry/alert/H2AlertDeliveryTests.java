package io.driftwatch.telemetry.alert;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Incident webhooks on the embedded default (H2 in PostgreSQL mode). */
class H2AlertDeliveryTests extends AbstractAlertDeliveryTests {

    private static final LocalSinks SINKS = new LocalSinks();

    @DynamicPropertySource
    static void sinks(DynamicPropertyRegistry registry) {
        SINKS.register(registry);
    }

    @AfterAll
    static void stopSinks() {
        SINKS.close();
    }

    @Override
    LocalSinks sinks() {
        return SINKS;
    }
}
