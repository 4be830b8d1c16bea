package io.driftwatch.canary;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;

import io.driftwatch.support.PostgresSchema;
import io.driftwatch.support.RequiresPostgres;

/** canaryJob through the jar on PostgreSQL. */
@RequiresPostgres
class PostgresCanaryJarIT extends AbstractCanaryJarIT {

    private static final PostgresSchema SCHEMA = new PostgresSchema("dw_canary");

    @Override
    String url() {
        return SCHEMA.url();
    }

    @Override
    String flywayLocation() {
        return "classpath:db/postgresql";
    }

    @Override
    Map<String, String> environment() {
        return Map.of("SPRING_DATASOURCE_USERNAME", "postgres", "SPRING_DATASOURCE_PASSWORD", "");
    }

    @AfterAll
    static void dropSchema() {
        SCHEMA.drop();
    }
}
