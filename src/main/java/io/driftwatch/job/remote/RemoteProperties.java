package io.driftwatch.job.remote;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.driftwatch.config.ConfigurationProblem;
import io.driftwatch.config.MonitorConfigurationException;

/**
 * {@code driftwatch.remote.*}: the broker that carries partitions from managers to workers
 * (driftwatch.partitioning=remote), and how long a manager waits for them.
 */
@ConfigurationProperties("driftwatch.remote")
public class RemoteProperties {

    /** Host of the RabbitMQ broker. */
    private String host = "localhost";

    /** AMQP port of the broker. */
    private int port = 5672;

    /** Broker user (in Kubernetes from a Secret: DRIFTWATCH_REMOTE_USERNAME). */
    private String username = "guest";

    /** Broker password (in Kubernetes from a Secret: DRIFTWATCH_REMOTE_PASSWORD). */
    private String password = "guest";

    /** Broker virtual host. */
    private String virtualHost = "/";

    /**
     * The queue that carries partition requests from managers to workers (declared durable when missing); the
     * managers and workers of one fleet use the same name, another fleet on the same broker another one.
     */
    private String queue = "driftwatch.partitions";

    /** How often a manager reads the job repository for the partitions its workers have finished. */
    private Duration pollInterval = Duration.ofSeconds(2);

    /**
     * How long a manager step waits for all its partitions; those unfinished then are lost (their worker died and no
     * other took them over) and fail the step. Keep it above the step's longest expected duration.
     */
    private Duration timeout = Duration.ofHours(4);

    /**
     * A partition taken by this many workers, none of which finished it (each died in it), is failed as poison
     * instead of being handed to the next worker.
     */
    private int maxDeliveries = 3;

    /** How long to wait for the TCP connection to the broker. */
    private Duration connectTimeout = Duration.ofSeconds(10);

    public String getHost() { return host; }
    public void setHost(String host) { this.host = host; }
    public int getPort() { return port; }
    public void setPort(int port) { this.port = port; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getVirtualHost() { return virtualHost; }
    public void setVirtualHost(String virtualHost) { this.virtualHost = virtualHost; }
    public String getQueue() { return queue; }
    public void setQueue(String queue) { this.queue = queue; }
    public Duration getPollInterval() { return pollInterval; }
    public void setPollInterval(Duration pollInterval) { this.pollInterval = pollInterval; }
    public Duration getTimeout() { return timeout; }
    public void setTimeout(Duration timeout) { this.timeout = timeout; }
    public int getMaxDeliveries() { return maxDeliveries; }
    public void setMaxDeliveries(int maxDeliveries) { this.maxDeliveries = maxDeliveries; }
    public Duration getConnectTimeout() { return connectTimeout; }
    public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }

    /** Throws, listing every problem, when the settings cannot be used with {@code datasourceUrl}. */
    void validate(String datasourceUrl) {
        List<ConfigurationProblem> problems = new ArrayList<>();
        if (host == null || host.isBlank()) {
            problems.add(ConfigurationProblem.of("driftwatch.remote.host", host, "must not be blank",
                    "set the host name of the RabbitMQ broker"));
        }
        if (port < 1 || port > 65535) {
            problems.add(ConfigurationProblem.of("driftwatch.remote.port", String.valueOf(port), "must be 1 to 65535",
                    "use the broker's AMQP port (5672 by default)"));
        }
        if (queue == null || !queue.matches("[A-Za-z0-9._:-]{1,200}")) {
            problems.add(ConfigurationProblem.of("driftwatch.remote.queue", queue,
                    "must be 1 to 200 letters, digits or . _ : -", "use a name such as driftwatch.partitions"));
        }
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            problems.add(ConfigurationProblem.of("driftwatch.remote.poll-interval", String.valueOf(pollInterval),
                    "must be positive", "use e.g. PT2S"));
        } else if (timeout == null || timeout.compareTo(pollInterval) <= 0) {
            problems.add(ConfigurationProblem.of("driftwatch.remote.timeout", String.valueOf(timeout),
                    "must be longer than driftwatch.remote.poll-interval (" + pollInterval + ")",
                    "set it above the longest expected profile or drift step, e.g. PT4H"));
        }
        if (maxDeliveries < 1) {
            problems.add(ConfigurationProblem.of("driftwatch.remote.max-deliveries", String.valueOf(maxDeliveries),
                    "must be at least 1", "use 3: a partition is handed to at most three workers"));
        }
        if (datasourceUrl != null && datasourceUrl.startsWith("jdbc:h2:mem:")) {
            problems.add(ConfigurationProblem.of("spring.datasource.url", datasourceUrl,
                    "an in-memory database cannot be shared by the manager and its workers (driftwatch.partitioning=remote)",
                    "point manager and workers at the same PostgreSQL, or use driftwatch.partitioning=local"));
        }
        if (!problems.isEmpty()) {
            throw new MonitorConfigurationException(problems);
        }
    }

    /** {@code host:port/vhost} for messages. */
    String address() {
        return host + ":" + port + ("/".equals(virtualHost) ? "" : "/" + virtualHost);
    }
}
