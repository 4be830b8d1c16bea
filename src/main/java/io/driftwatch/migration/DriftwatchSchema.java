package io.driftwatch.migration;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import com.zaxxer.hikari.HikariDataSource;

import io.driftwatch.db.Dialect;

/**
 * Flyway's and the pool's configuration for driftwatch's schema. {@code driftwatch.schema}: driftwatch's tables (and Spring Batch's) in a schema of their own. Flyway creates the
 * schema and migrates into it (its {@code schemas} and default schema), and every pooled connection puts it first
 * on its search path, so driftwatch's unqualified statements, the shipped queue SQL and Spring Batch's repository
 * find their tables there while feature tables keep resolving in the schemas that follow.
 */
@Configuration(proxyBeanMethods = false)
public class DriftwatchSchema {

    static final String PROPERTY = "driftwatch.schema";

    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** The configured schema, checked; empty when unset. */
    static Optional<String> of(Environment environment) {
        Optional<String> schema = Optional.of(Binder.get(environment).bind(PROPERTY, String.class).map(String::strip)
                .orElse("")).filter(s -> !s.isEmpty());
        schema.filter(s -> !PLAIN.matcher(s).matches()).ifPresent(s -> {
            throw new DatabaseSchemaException(List.of(PROPERTY + " = '" + s + "': not a plain lower-case schema name."
                    + " Fix: use letters, digits and underscores, starting with a letter (e.g. driftwatch)"),
                    "Nothing was created. Correct " + PROPERTY + " and start again.", null);
        });
        return schema;
    }

    /**
     * Flyway as driftwatch needs it: into driftwatch.schema when set, lower versions applied out of order, and on
     * PostgreSQL all pending migrations in
     * one transaction ({@code group}), so that a failing one leaves nothing applied. (H2 cannot roll DDL back, and
     * Flyway warns against grouping there.)
     */
    @Bean
    FlywayConfigurationCustomizer driftwatchFlyway(Environment environment) {
        Optional<String> schema = of(environment);
        return configuration -> {
            schema.ifPresent(s -> configuration.schemas(s).defaultSchema(s).createSchemas(true));
            // Versions are not always released in order (V7 came after V9): a database migrated before a lower
            // version existed applies it on its next start instead of failing validation.
            configuration.outOfOrder(true);
            if (configuration.getDataSource() != null
                    && "postgresql".equals(Dialect.of(configuration.getDataSource()).vendor())) {
                configuration.group(true);
            }
        };
    }

    @Bean
    static BeanPostProcessor driftwatchSchemaOnConnections(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource hikari && hikari.getConnectionInitSql() == null) {
                    of(environment).ifPresent(s -> hikari.setConnectionInitSql(searchPathFirst(s, hikari.getJdbcUrl())));
                }
                return bean;
            }
        };
    }

    /** The statement that puts the schema first on a new connection's search path, keeping the rest. */
    static String searchPathFirst(String schema, String jdbcUrl) {
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:h2:")) {
            return "SET SCHEMA_SEARCH_PATH " + schema + ", PUBLIC";
        }
        return "SELECT set_config('search_path', '" + schema + ", ' || current_setting('search_path'), false)";
    }
}
