package io.driftwatch.job;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.DefaultJobKeyGenerator;
import org.springframework.batch.core.job.parameters.JobParameters;

import com.zaxxer.hikari.HikariDataSource;

import io.driftwatch.db.Dialect;

/**
 * The lock a process holds on a job instance (driftJob and its run date) from before it looks at the date's
 * executions until its run has ended. On PostgreSQL it is a session-level advisory lock on a connection kept
 * for the run, which the server releases when that session ends: when the process exits, is killed
 * ({@code kill -9}, OOM) or its backend is terminated. So:
 * <ul>
 *   <li>a start that cannot take it knows another process is working on the date (exit 4), before it has
 *   written anything: two processes started at the same instant are told apart here, not by the errors of
 *   Spring Batch's instance creation;</li>
 *   <li>a start that takes it while an execution of the date still says STARTED knows that execution's process
 *   is gone ({@link #provesOthersGone()}), and recovers it at once instead of after {@code recover-after}.</li>
 * </ul>
 * On H2, which has no such lock, it is a lock of this JVM only: it separates concurrent starts in one
 * process, and proves nothing about other processes ({@code recover-after} applies).
 */
public final class RunDateLock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunDateLock.class);

    /** The keys held by this JVM: a second start of the same instance in this process is refused as well. */
    private static final Set<Long> HELD_HERE = ConcurrentHashMap.newKeySet();

    /** What a start found when it tried to take the lock. */
    public enum State {
        /** Taken, and the database proves that no other process holds it: none is alive working on the date. */
        TAKEN,
        /** Taken in this JVM; the database has no session locks, so nothing is known about other processes. */
        TAKEN_IN_THIS_PROCESS,
        /** Another process (or another start in this one) holds it and is alive: the date is being run. */
        HELD_ELSEWHERE
    }

    private final long key;
    private final State state;
    private final DataSource dataSource;
    private final Dialect dialect;
    private final Connection connection;

    private RunDateLock(long key, State state, DataSource dataSource, Dialect dialect, Connection connection) {
        this.key = key;
        this.state = state;
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.connection = connection;
    }

    /**
     * Tries to take the lock of {@code jobName} with the identifying {@code parameters}; close it when the run
     * has ended.
     *
     * @throws SQLException when the database cannot be asked (then nothing was taken)
     */
    public static RunDateLock take(DataSource dataSource, Dialect dialect, String jobName, JobParameters parameters)
            throws SQLException {
        Connection connection = dataSource.getConnection();
        long key;
        try {
            key = key(connection, jobName, parameters);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        if (!HELD_HERE.add(key)) {
            connection.close();
            return new RunDateLock(key, State.HELD_ELSEWHERE, dataSource, dialect, null);
        }
        try {
            Dialect.SessionLock lock = dialect.trySessionLock(connection, key);
            if (lock == Dialect.SessionLock.TAKEN) {
                return new RunDateLock(key, State.TAKEN, dataSource, dialect, connection);
            }
            connection.close();
            if (lock == Dialect.SessionLock.HELD_ELSEWHERE) {
                HELD_HERE.remove(key);
                return new RunDateLock(key, State.HELD_ELSEWHERE, dataSource, dialect, null);
            }
            return new RunDateLock(key, State.TAKEN_IN_THIS_PROCESS, dataSource, dialect, null);
        } catch (SQLException | RuntimeException e) {
            HELD_HERE.remove(key);
            connection.close();
            throw e;
        }
    }

    /**
     * The lock's key: a hash of the job repository's place (database and schema: deployments that share a server
     * but not a schema do not block each other), the job's name and its identifying parameters (the job key).
     */
    static long key(Connection connection, String jobName, JobParameters parameters) throws SQLException {
        String instance = "driftwatch " + connection.getCatalog() + "." + connection.getSchema() + " " + jobName + " "
                + new DefaultJobKeyGenerator().generateKey(parameters);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(instance.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    public State state() {
        return state;
    }

    /** Whether this start holds the lock (it may run the date). */
    public boolean held() {
        return state != State.HELD_ELSEWHERE;
    }

    /** Whether holding it proves that no other process is alive and working on the date. */
    public boolean provesOthersGone() {
        return state == State.TAKEN;
    }

    /**
     * Releases the lock. A connection whose release failed (its backend terminated, say) is evicted from the
     * pool rather than returned to it: the server ends the session, and the lock with it.
     */
    @Override
    public void close() {
        if (state == State.HELD_ELSEWHERE) {
            return;
        }
        try {
            if (connection != null) {
                try {
                    dialect.releaseSessionLock(connection, key);
                    connection.close();
                } catch (SQLException | RuntimeException e) {
                    log.debug("Could not release the run date lock {}; discarding its connection: {}", key, e.toString());
                    discard();
                }
            }
        } finally {
            HELD_HERE.remove(key);
        }
    }

    private void discard() {
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
                return;
            }
            connection.close();
        } catch (SQLException | RuntimeException e) {
            log.debug("Could not close the run date lock's connection: {}", e.toString());
        }
    }
}
