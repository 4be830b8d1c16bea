package io.driftwatch.job;

import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.driftwatch.support.PostgresSchema;
import io.driftwatch.support.PostgresTestDatabase;
import io.driftwatch.support.RequiresPostgres;

/**
 * A second PostgreSQL database as the feature database, read by a login role that has CONNECT and SELECT on
 * fd_features only; the report tables live in a schema of the test database.
 */
@RequiresPostgres
class PostgresFeatureDatabaseJobTests extends AbstractFeatureDatabaseJobTests {

    private static final PostgresSchema REPORTS = new PostgresSchema("dw_fdreport");
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    private static final String DATABASE = "dw_features_" + SUFFIX;
    private static final String READER = "dw_reader_" + SUFFIX;
    private static JdbcTemplate owner;

    @DynamicPropertySource
    static void databases(DynamicPropertyRegistry registry) {
        REPORTS.register(registry);
        registry.add("driftwatch.features.datasource.url", () -> featureUrl());
        registry.add("driftwatch.features.datasource.username", () -> READER);
        registry.add("driftwatch.features.datasource.password", () -> "");
    }

    private static synchronized String featureUrl() {
        String base = PostgresTestDatabase.baseUrl();
        String url = base.replaceFirst("/[^/?]+(\\?|$)", "/" + DATABASE + "$1");
        if (owner == null) {
            JdbcTemplate admin = new JdbcTemplate(new DriverManagerDataSource(base));
            admin.execute("CREATE DATABASE " + DATABASE);
            admin.execute("CREATE ROLE " + READER + " LOGIN");
            admin.execute("GRANT CONNECT ON DATABASE " + DATABASE + " TO " + READER);
            owner = new JdbcTemplate(new DriverManagerDataSource(url));
            new io.driftwatch.demo.SyntheticDriftGenerator(owner).createTable("fd_features");
            new io.driftwatch.demo.SyntheticDriftGenerator(owner).createTable("fd_secret");
            owner.execute("GRANT SELECT ON fd_features TO " + READER);
        }
        return url.replaceFirst("user=[^&]*&?", "").replaceFirst("[?&]$", "");
    }

    @AfterAll
    static void drop() {
        REPORTS.drop();
        if (owner != null) {
            JdbcTemplate admin = new JdbcTemplate(new DriverManagerDataSource(PostgresTestDatabase.baseUrl()));
            admin.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            admin.execute("DROP ROLE IF EXISTS " + READER);
        }
    }

    @Override
    JdbcTemplate featureOwner() {
        featureUrl();
        return owner;
    }

    @Override
    String reader() {
        return READER;
    }

    @Override
    String secret() {
        return "fd_secret";
    }
}
