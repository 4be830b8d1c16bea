package io.driftwatch.db;

import java.util.Properties;

import org.springframework.beans.factory.config.BeanPostProcessor;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Gives the connection pool's PostgreSQL driver driftwatch's {@link DatabaseTimeouts} and an application name
 * ({@code driftwatch}, shown in {@code pg_stat_activity.application_name}, so that an operator can see and
 * end the job's connections). A value already set in the JDBC URL or in
 * {@code spring.datasource.hikari.data-source-properties} wins; other databases are left alone.
 */
public final class PostgresConnectionSettings implements BeanPostProcessor {

    public static final String APPLICATION_NAME = "driftwatch";

    private final DatabaseTimeouts timeouts;

    public PostgresConnectionSettings(DatabaseTimeouts timeouts) {
        this.timeouts = timeouts;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
                && pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
            Properties driver = pool.getDataSourceProperties();
            String url = pool.getJdbcUrl();
            defaultValue(driver, url, "ApplicationName", APPLICATION_NAME);
            defaultValue(driver, url, "connectTimeout", DatabaseTimeouts.seconds(timeouts.connectTimeout()));
            defaultValue(driver, url, "loginTimeout", DatabaseTimeouts.seconds(timeouts.loginTimeout()));
            defaultValue(driver, url, "socketTimeout", DatabaseTimeouts.seconds(timeouts.socketTimeout()));
        }
        return bean;
    }

    private static void defaultValue(Properties driver, String url, String name, String value) {
        boolean inUrl = url.contains("?" + name + "=") || url.contains("&" + name + "=");
        if (!inUrl && !driver.containsKey(name)) {
            driver.setProperty(name, value);
        }
    }
}
