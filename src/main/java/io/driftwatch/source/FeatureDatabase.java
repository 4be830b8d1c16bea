package io.driftwatch.source;

import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import io.driftwatch.config.DriftwatchProperties;
import io.driftwatch.db.Dialect;

/**
 * The database that monitors read their tables and queries from: the report database by default, or a
 * separate one ({@code driftwatch.features.datasource.*}: a warehouse or read replica) that driftwatch only
 * reads. Every read runs in a read-only transaction: on a separate database a transaction of its own (which
 * is also what lets PostgreSQL stream a large window with a fetch size), on the report database the step's.
 */
public final class FeatureDatabase implements AutoCloseable {

    private final DataSource dataSource;
    private Dialect dialect;
    private final HikariDataSource ownPool;
    private final TransactionTemplate readOnly;
    private final TransactionTemplate ownReadOnly;

    private FeatureDatabase(DataSource dataSource, Dialect dialect, HikariDataSource ownPool) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.ownPool = ownPool;
        this.readOnly = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.readOnly.setReadOnly(true);
        this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
        this.ownReadOnly = new TransactionTemplate(readOnly.getTransactionManager());
        this.ownReadOnly.setReadOnly(true);
        this.ownReadOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The report database itself (the default, and the embedded demo). */
    public static FeatureDatabase sameAs(DataSource reportDataSource, Dialect dialect) {
        return new FeatureDatabase(reportDataSource, dialect, null);
    }

    /**
     * The database {@code properties} name, or the report database when they name none. {@code poolSettings}
     * gives a new pool the settings of the report database's pool (the PostgreSQL driver's timeouts).
     */
    public static FeatureDatabase of(DriftwatchProperties.FeatureDataSourceProperties properties, DataSource reportDataSource,
                                     Dialect reportDialect, UnaryOperator<HikariDataSource> poolSettings) {
        if (properties.getUrl() == null || properties.getUrl().isBlank()) {
            return sameAs(reportDataSource, reportDialect);
        }
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("driftwatch-features");
        pool.setJdbcUrl(properties.getUrl().trim());
        pool.setUsername(properties.getUsername());
        pool.setPassword(properties.getPassword());
        pool.setMaximumPoolSize(Math.max(1, properties.getPoolSize()));
        pool.setMinimumIdle(0);
        // A wrong URL or password is reported by the first step within seconds, not after Hikari's 30 s default.
        pool.setConnectionTimeout(10_000);
        pool.setReadOnly(properties.isReadOnly());
        // Connections are made on first use: a configuration error is reported by the first step, not at startup.
        pool.setInitializationFailTimeout(-1);
        poolSettings.apply(pool);
        return new FeatureDatabase(pool, null, pool);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The feature database's dialect, detected on first use for a separate database. */
    public synchronized Dialect dialect() {
        if (dialect == null) {
            dialect = Dialect.of(dataSource);
        }
        return dialect;
    }

    /** Whether the features live in a database of their own. */
    public boolean separate() {
        return ownPool != null;
    }

    /** Runs {@code read} in a read-only transaction on the feature database (joining the step's on the report database). */
    public <T> T read(Supplier<T> read) {
        return readOnly.execute(status -> read.get());
    }

    /**
     * Runs {@code check} in a read-only transaction of its own, even inside a step's: a check that fails (a
     * missing grant, a broken query) then leaves the step's transaction usable for the checks after it.
     */
    public <T> T check(Supplier<T> check) {
        return ownReadOnly.execute(status -> check.get());
    }

    @Override
    public void close() {
        if (ownPool != null) {
            ownPool.close();
        }
    }
}
