package io.driftwatch.job.remote;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.BeanFactoryStepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.messaging.MessageChannel;

import io.driftwatch.config.DriftwatchProperties;
import io.driftwatch.config.MonitorCatalog;
import io.driftwatch.job.PartitionDispatch;

/**
 * driftwatch.partitioning=remote: the broker connection, the partition queue, the manager's outbound flow (partition
 * requests to RabbitMQ) and, for driftwatch.role=worker, the worker's inbound flow. Built on Spring Batch Integration
 * ({@code MessageChannelPartitionHandler}, {@code StepExecutionRequestHandler}) and Spring Integration AMQP; with the
 * default local partitioning none of it exists and no broker is contacted.
 * <p>
 * Results come back through the job repository (polling), not as replies over the broker: the repository is where
 * every partition's outcome is written anyway, a manager restarted by the CronJob finds the outcomes of a previous
 * attempt there, and requests need no reply queue or correlation state that a broker restart could lose.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "driftwatch.partitioning", havingValue = "remote")
@EnableConfigurationProperties(RemoteProperties.class)
@EnableIntegration
public class RemotePartitioningConfiguration {

    @Bean
    CachingConnectionFactory brokerConnectionFactory(RemoteProperties remote, DriftwatchProperties properties,
                                                     @Value("${spring.datasource.url:}") String datasourceUrl) {
        remote.validate(datasourceUrl);
        CachingConnectionFactory factory = new CachingConnectionFactory(remote.getHost(), remote.getPort());
        factory.setUsername(remote.getUsername());
        factory.setPassword(remote.getPassword());
        factory.setVirtualHost(remote.getVirtualHost());
        factory.setConnectionTimeout((int) remote.getConnectTimeout().toMillis());
        factory.setConnectionNameStrategy(f -> "driftwatch-" + properties.getRole());
        // a manager sends each request and waits for the broker's confirm (PartitionRequestSender)
        factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        factory.setPublisherReturns(true);
        return factory;
    }

    /** Durable, so that requests (sent persistent) survive a broker restart. */
    @Bean
    Queue partitionQueue(RemoteProperties remote) {
        return QueueBuilder.durable(remote.getQueue()).build();
    }

    /** Declares the queue whenever a connection is opened. */
    @Bean
    RabbitAdmin brokerAdmin(CachingConnectionFactory brokerConnectionFactory) {
        return new RabbitAdmin(brokerConnectionFactory);
    }

    /** A broker that cannot be reached fails the start with exit code 8 before any job or partition runs. */
    @Bean
    SmartInitializingSingleton brokerCheck(CachingConnectionFactory brokerConnectionFactory, RemoteProperties remote,
                                           DriftwatchProperties properties) {
        return () -> {
            try (Connection connection = brokerConnectionFactory.createConnection()) {
                // opened (and the queue declared): the broker answers
            } catch (AmqpException e) {
                throw new BrokerUnreachableException(remote, properties.getRole(), e);
            }
        };
    }

    @Bean
    MessageChannel partitionRequests() {
        return new DirectChannel();
    }

    @Bean
    PartitionRequestSender partitionRequestSender(CachingConnectionFactory brokerConnectionFactory, RemoteProperties remote) {
        return new PartitionRequestSender(brokerConnectionFactory, remote.getQueue(), remote.getConnectTimeout());
    }

    @Bean
    IntegrationFlow partitionRequestsToBroker(@Qualifier("partitionRequests") MessageChannel partitionRequests,
                                              PartitionRequestSender sender) {
        return IntegrationFlow.from(partitionRequests)
                .transform(StepExecutionRequest.class, PartitionRequests::encode)
                .handle(String.class, (text, headers) -> {
                    sender.send(text);
                    return null;
                })
                .get();
    }

    @Bean
    PartitionDispatch remotePartitionDispatch(JobRepository jobRepository,
                                              @Qualifier("partitionRequests") MessageChannel partitionRequests,
                                              RemoteProperties remote, PartitionRequestSender sender) {
        return new RemotePartitionDispatch(jobRepository, partitionRequests, remote, sender);
    }

    /** driftwatch.role=worker: partitions from the queue, driftwatch.partition-threads at a time. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "driftwatch.role", havingValue = "worker")
    static class Worker {

        @Bean
        PartitionWorker partitionWorker(JobRepository jobRepository, BeanFactory beanFactory, RemoteProperties remote,
                                        DriftwatchProperties properties) {
            BeanFactoryStepLocator steps = new BeanFactoryStepLocator();
            steps.setBeanFactory(beanFactory);
            StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
            handler.setJobRepository(jobRepository);
            handler.setStepLocator(steps);
            return new PartitionWorker(jobRepository, handler, remote, properties.getShutdownGrace());
        }

        @Bean
        IntegrationFlow partitionRequestsFromBroker(CachingConnectionFactory brokerConnectionFactory, RemoteProperties remote,
                                                    MonitorCatalog catalog, DriftwatchProperties properties,
                                                    PartitionWorker worker) {
            SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(brokerConnectionFactory);
            container.setQueueNames(remote.getQueue());
            // One unacknowledged request per consumer: a request is acknowledged when its partition has ended, so
            // the broker hands the partitions of a worker that dies to the others, and a busy worker holds no more.
            container.setAcknowledgeMode(AcknowledgeMode.AUTO);
            container.setPrefetchCount(1);
            container.setConcurrentConsumers(catalog.partitionThreads());
            container.setDefaultRequeueRejected(false);
            container.setShutdownTimeout(properties.getShutdownGrace().toMillis());
            worker.consumeFrom(container);
            return IntegrationFlow.from(Amqp.inboundAdapter(container))
                    .handle(String.class, (text, headers) -> {
                        worker.execute(text, Boolean.TRUE.equals(headers.get(AmqpHeaders.REDELIVERED)));
                        return null;
                    })
                    .get();
        }
    }
}
