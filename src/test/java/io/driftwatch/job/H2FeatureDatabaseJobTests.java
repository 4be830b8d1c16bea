package io.driftwatch.job;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.driftwatch.demo.SyntheticDriftGenerator;

/** A second H2 database as the feature database, read by a user with SELECT on fd_features only. */
class H2FeatureDatabaseJobTests extends AbstractFeatureDatabaseJobTests {

    private static final String URL = "jdbc:h2:mem:featuredb_features;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
            + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    private static final JdbcTemplate OWNER = new JdbcTemplate(new DriverManagerDataSource(URL, "owner", ""));

    @DynamicPropertySource
    static void featureDatabase(DynamicPropertyRegistry registry) {
        // The first connection creates the in-memory database, as its owner; the reader may then only SELECT.
        SyntheticDriftGenerator generator = new SyntheticDriftGenerator(OWNER);
        generator.createTable("fd_features");
        generator.createTable("fd_secret");
        OWNER.execute("CREATE USER IF NOT EXISTS reader PASSWORD 'reader'");
        OWNER.execute("GRANT SELECT ON fd_features TO reader");
        // Only an admin may SET DB_CLOSE_DELAY, which the owner's connection already did.
        registry.add("driftwatch.features.datasource.url", () -> URL.replace("DB_CLOSE_DELAY=-1", ""));
        registry.add("driftwatch.features.datasource.username", () -> "reader");
        registry.add("driftwatch.features.datasource.password", () -> "reader");
    }

    @Override
    JdbcTemplate featureOwner() {
        return OWNER;
    }

    @Override
    String reader() {
        return "reader";
    }

    @Override
    String secret() {
        return "public.fd_secret";
    }
}
