import java.util.concurrent.TimeUnit;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * What a publisher confirm costs per partition request (bench/remote/confirms.sh): sends N requests as text to a
 * durable queue fire-and-forget, then N persistent requests each waiting for its confirm before the next, then N
 * published at once and confirmed together (what the manager's PartitionRequestSender does for a step's requests);
 * three rounds after a warm-up round; prints milliseconds per request and the ratios to fire-and-forget.
 */
public class ConfirmCost {
    static CachingConnectionFactory factory(boolean confirms) {
        CachingConnectionFactory f = new CachingConnectionFactory("127.0.0.1", 5672);
        f.setUsername("guest"); f.setPassword("guest");
        if (confirms) { f.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED); f.setPublisherReturns(true); }
        return f;
    }
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]);
        String queue = "driftwatch.bench.confirms." + System.nanoTime();
        CachingConnectionFactory plain = factory(false), confirmed = factory(true);
        RabbitAdmin admin = new RabbitAdmin(plain);
        admin.declareQueue(QueueBuilder.durable(queue).build());
        RabbitTemplate p = new RabbitTemplate(plain), c = new RabbitTemplate(confirmed);
        c.setMandatory(true); c.setReturnsCallback(r -> {});
        for (int round = 0; round < 4; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) p.convertAndSend("", queue, "123 featureDrift");
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                CorrelationData cd = new CorrelationData("x" + i);
                c.convertAndSend("", queue, "123 featureDrift", cd);
                if (!cd.getFuture().get(10, TimeUnit.SECONDS).ack() || cd.getReturned() != null) throw new IllegalStateException();
            }
            long t2 = System.nanoTime();
            java.util.List<CorrelationData> pending = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                CorrelationData cd = new CorrelationData("y" + i);
                c.convertAndSend("", queue, "123 featureDrift", cd);
                pending.add(cd);
            }
            for (CorrelationData cd : pending) {
                if (!cd.getFuture().get(10, TimeUnit.SECONDS).ack() || cd.getReturned() != null) throw new IllegalStateException();
            }
            long t3 = System.nanoTime();
            admin.purgeQueue(queue, false);
            if (round > 0) System.out.printf("round %d: %d requests, fire-and-forget %.3f ms/request, confirmed one by one %.3f"
                    + " ms/request (%.1fx), all sent then confirmed together %.3f ms/request (%.1fx)%n", round, n,
                    (t1 - t0) / 1e6 / n, (t2 - t1) / 1e6 / n, (double) (t2 - t1) / (t1 - t0), (t3 - t2) / 1e6 / n,
                    (double) (t3 - t2) / (t1 - t0));
        }
        admin.deleteQueue(queue);
        plain.destroy(); confirmed.destroy();
    }
}
