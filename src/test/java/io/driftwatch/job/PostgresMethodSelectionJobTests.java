package io.driftwatch.job;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.driftwatch.support.PostgresTestDatabase;
import io.driftwatch.support.RequiresPostgres;

/** Method selection and correction on real PostgreSQL. */
@RequiresPostgres
class PostgresMethodSelectionJobTests extends AbstractMethodSelectionJobTests {

    private static String url;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> {
            if (url == null) {
                url = PostgresTestDatabase.freshSchemaUrl("dw_selection");
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
