package io.driftwatch.source;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

class H2SchemaInspectorTests extends AbstractSchemaInspectorTests {

    @Override
    DataSource dataSource() {
        return new DriverManagerDataSource(
                "jdbc:h2:mem:inspector;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }
}
