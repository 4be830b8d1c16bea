package io.driftwatch.source;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.driftwatch.support.PostgresTestDatabase;
import io.driftwatch.support.RequiresPostgres;

@RequiresPostgres
class PostgresSchemaInspectorTests extends AbstractSchemaInspectorTests {

    private static String url;

    @Override
    DataSource dataSource() {
        if (url == null) {
            url = PostgresTestDatabase.freshSchemaUrl("dw_inspector");
        }
        return new DriverManagerDataSource(url);
    }

    @AfterAll
    static void dropSchema() {
        if (url != null) {
            PostgresTestDatabase.dropSchemaOf(url);
        }
    }
}
