package io.driftwatch.source;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.zaxxer.hikari.HikariDataSource;

import io.driftwatch.profile.FeatureType;

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

    @Test
    void anUnqualifiedFeatureTableIsFoundAlongTheSearchPathBehindDriftwatchsOwnSchema() {
        String own = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length()) + "_dw";
        new JdbcTemplate(dataSource).execute("CREATE SCHEMA IF NOT EXISTS " + own);
        try (HikariDataSource withOwnSchemaFirst = new HikariDataSource()) {
            withOwnSchemaFirst.setJdbcUrl(url);
            withOwnSchemaFirst.setMaximumPoolSize(1);
            // what driftwatch.schema does to every pooled connection (migration.DriftwatchSchema)
            withOwnSchemaFirst.setConnectionInitSql("SELECT set_config('search_path', '" + own + ", '"
                    + " || current_setting('search_path'), false)");
            assertThat(new JdbcTemplate(withOwnSchemaFirst).queryForObject("SELECT current_schema()", String.class))
                    .isEqualTo(own);

            assertThat(new JdbcSchemaInspector(withOwnSchemaFirst).check(monitor("loan_features", "scored_at",
                    "model_performance", feature("income", FeatureType.NUMERIC)))).isEmpty();
        } finally {
            new JdbcTemplate(dataSource).execute("DROP SCHEMA " + own + " CASCADE");
        }
    }

    @AfterAll
    static void dropSchema() {
        if (url != null) {
            PostgresTestDatabase.dropSchemaOf(url);
        }
    }
}
