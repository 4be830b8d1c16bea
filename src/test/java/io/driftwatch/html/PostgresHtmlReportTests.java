package io.driftwatch.html;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.driftwatch.support.PostgresSchema;
import io.driftwatch.support.RequiresPostgres;

/** The HTML pages on real PostgreSQL, in a schema of their own. */
@RequiresPostgres
class PostgresHtmlReportTests extends AbstractHtmlReportTests {

    private static final PostgresSchema SCHEMA = new PostgresSchema("dw_htmltest");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
    }

    @AfterAll
    static void dropSchema() {
        SCHEMA.drop();
    }
}
