package io.driftwatch.job.remote;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes the manager's partition requests to the queue, persistent, and returns only once the broker has
 * confirmed each one (publisher confirms): a confirmed request is in the durable queue and survives a broker restart.
 * A request the broker refuses (negative confirm, e.g. the queue is at a length limit), returns (mandatory: no queue
 * of that name) or does not confirm within {@code driftwatch.remote.connect-timeout} (the connection was lost while
 * sending) fails the manager step, which marks its unfinished partitions FAILED: exit 5, and the rerun sends them
 * again. Without confirms such a request would be lost silently and only found missing at driftwatch.remote.timeout.
 */
final class PartitionRequestSender {

    private static final Logger log = LoggerFactory.getLogger(PartitionRequestSender.class);

    private final RabbitTemplate template;
    private final String queue;
    private final Duration confirmTimeout;

    /** @param factory with correlated publisher confirms and publisher returns switched on */
    PartitionRequestSender(CachingConnectionFactory factory, String queue, Duration confirmTimeout) {
        this.template = new RabbitTemplate(factory);
        this.queue = queue;
        this.confirmTimeout = confirmTimeout;
        template.setMandatory(true);
        // the returned request is also recorded in its CorrelationData, which send() reads
        template.setReturnsCallback(returned -> log.debug("Partition request returned: {}", returned));
    }

    /** Publishes one request (persistent, to the default exchange with the queue's name) and waits for its confirm. */
    void send(String request) {
        CorrelationData correlation = new CorrelationData(request);
        template.convertAndSend("", queue, request, correlation);
        CorrelationData.Confirm confirm;
        try {
            confirm = correlation.getFuture().get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmqpException("interrupted while waiting for the broker to confirm partition request '" + request
                    + "'", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AmqpException("the broker did not confirm partition request '" + request + "' within "
                    + confirmTimeout + " (driftwatch.remote.connect-timeout)", e);
        }
        if (!confirm.ack()) {
            throw new AmqpException("the broker refused partition request '" + request + "' for queue '" + queue + "' ("
                    + confirm.reason() + ")");
        }
        ReturnedMessage returned = correlation.getReturned();
        if (returned != null) {
            throw new AmqpException("the broker returned partition request '" + request + "': no queue '" + queue
                    + "' took it (" + returned.getReplyCode() + " " + returned.getReplyText() + ")");
        }
    }
}
