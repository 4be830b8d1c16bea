package io.driftwatch.job.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.dsl.IntegrationFlow;

import io.driftwatch.DriftwatchApplication;
import io.driftwatch.config.MonitorConfigurationException;
import io.driftwatch.job.PartitionDispatch;

/**
 * driftwatch.partitioning: local (the default) creates nothing of AMQP or Spring Integration, so it never contacts
 * a broker; a remote or worker configuration that cannot work is refused before any connection is tried.
 */
class PartitioningSwitchTest {

    private static final String H2 = "--spring.datasource.url=jdbc:h2:mem:partitioning-switch;MODE=PostgreSQL;"
            + "DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";

    @Test
    void localPartitioningIsTheDefaultAndCreatesNoBrokerConnectionNorMessageFlow() {
        try (ConfigurableApplicationContext context = SpringApplication.run(DriftwatchApplication.class, H2,
                "--driftwatch.launch.enabled=false")) {
            assertThat(context.getBeansOfType(ConnectionFactory.class)).isEmpty();
            assertThat(context.getBeansOfType(IntegrationFlow.class)).isEmpty();
            assertThat(context.getBean(PartitionDispatch.class).getClass().getSimpleName()).isEqualTo("LocalPartitionDispatch");
        }
    }

    @Test
    void remotePartitioningOnTheInMemoryDatabaseIsRefusedBeforeAnyBrokerIsContacted() {
        // port 1: were a connection tried, the failure would be an unreachable broker, not this
        assertThatThrownBy(() -> SpringApplication.run(DriftwatchApplication.class, H2, "--driftwatch.launch.enabled=false",
                "--driftwatch.partitioning=remote", "--driftwatch.remote.port=1").close())
                .hasRootCauseInstanceOf(MonitorConfigurationException.class)
                .rootCause().hasMessageContaining("spring.datasource.url")
                .hasMessageContaining("cannot be shared by the manager and its workers");
    }

    @Test
    void aWorkerWithoutRemotePartitioningAndAMisspeltModeAreRefused() {
        assertThatThrownBy(() -> SpringApplication.run(DriftwatchApplication.class, H2, "--driftwatch.role=worker").close())
                .hasRootCauseInstanceOf(MonitorConfigurationException.class)
                .rootCause().hasMessageContaining("driftwatch.role")
                .hasMessageContaining("start workers (and their managers) with driftwatch.partitioning=remote");
        assertThatThrownBy(() -> SpringApplication.run(DriftwatchApplication.class, H2, "--driftwatch.launch.enabled=false",
                "--driftwatch.partitioning=Remote").close())
                .hasRootCauseInstanceOf(MonitorConfigurationException.class)
                .rootCause().hasMessageContaining("driftwatch.partitioning").hasMessageContaining("must be local or remote");
    }
}
