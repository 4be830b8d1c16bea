package io.driftwatch.job.remote;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * confirmed each of a step's requests (publisher confirms, awaited together after the step's last request): a
 * confirmed request is in the durable queue and survives a broker restart.
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
    /** Published, confirm not yet awaited; guarded by this. */
    private final List<CorrelationData> unconfirmed = new ArrayList<>();
    /** How many requests the current step sends; guarded by this. */
    private int expected = 1;

    /** @param factory with correlated publisher confirms and publisher returns switched on */
    PartitionRequestSender(CachingConnectionFactory factory, String queue, Duration confirmTimeout) {
        this.template = new RabbitTemplate(factory);
        this.queue = queue;
        this.confirmTimeout = confirmTimeout;
        template.setMandatory(true);
        // the returned request is also recorded in its CorrelationData, which send() reads
        template.setReturnsCallback(returned -> log.debug("Partition request returned: {}", returned));
    }

    /**
     * The next {@code requests} sends are one manager step's: each is published at once, and the confirms of all of
     * them are awaited when the last one is sent (the broker confirms persistent requests in batches, as they reach
     * its disk, so waiting for each before sending the next would cost a disk write per partition). Without this
     * call every send waits for its own confirm.
     */
    synchronized void expect(int requests) {
        unconfirmed.clear();
        expected = Math.max(1, requests);
    }

    /** Forgets the requests of a step whose sending failed. */
    synchronized void discard() {
        unconfirmed.clear();
        expected = 1;
    }

    /**
     * Publishes one request (persistent, to the default exchange with the queue's name); when it is the last one
     * expected, waits for the confirms of all requests published since {@link #expect}.
     *
     * @throws AmqpException when the broker refused, returned or did not confirm one of them in time
     */
    synchronized void send(String request) {
        CorrelationData correlation = new CorrelationData(request);
        template.convertAndSend("", queue, request, correlation);
        unconfirmed.add(correlation);
        if (unconfirmed.size() < expected) {
            return;
        }
        try {
            long deadline = System.nanoTime() + confirmTimeout.toNanos();
            for (CorrelationData sent : unconfirmed) {
                awaitConfirm(sent, deadline);
            }
        } finally {
            discard();
        }
    }

    private void awaitConfirm(CorrelationData correlation, long deadline) {
        String request = correlation.getId();
        CorrelationData.Confirm confirm;
        try {
            confirm = correlation.getFuture().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
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
