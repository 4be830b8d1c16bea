package io.driftwatch.retrain;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.driftwatch.support.PostgresTestDatabase;
import io.driftwatch.support.RequiresPostgres;

/** The retraining guardrails on real PostgreSQL. */
@RequiresPostgres
class PostgresRetrainingPolicyJobTests extends AbstractRetrainingPolicyJobTests {

    private static String url;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> {
            if (url == null) {
                url = PostgresTestDatabase.freshSchemaUrl("dw_policy");
            }
            return url;
        });
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    @AfterAll
    static void dropSchema() {
        if (url != null) {
            PostgresTestDatabase.dropSchemaOf(url);
        }
    }
}
