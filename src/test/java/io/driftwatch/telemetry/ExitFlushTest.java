package io.driftwatch.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.support.GenericApplicationContext;

import io.driftwatch.ExitCodes;

/**
 * The graceful-stop hook's last act before the JVM halts: the context must be fully closed (the
 * exporters flushed) when {@link ExitFlush#afterTermination} returns, whichever thread closes it.
 */
class ExitFlushTest {

    /** A bean whose destruction stands for an export in flight: it blocks until released. */
    static final class SlowExporter implements DisposableBean {
        final CountDownLatch closing = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean exported = new AtomicBoolean();

        @Override
        public void destroy() throws InterruptedException {
            closing.countDown();
            release.await();
            exported.set(true);
        }
    }

    private static GenericApplicationContext contextWith(SlowExporter exporter) {
        GenericApplicationContext context = new GenericApplicationContext();
        context.registerBean(SlowExporter.class, () -> exporter);
        context.refresh();
        return context;
    }

    @Test
    void waitsForACloseAlreadyUnderWayOnAnotherThread() throws Exception {
        SlowExporter exporter = new SlowExporter();
        GenericApplicationContext context = contextWith(exporter);
        ExitFlush flush = new ExitFlush(context, Duration.ofSeconds(100));
        flush.on(new RunEvents.ProcessFinished("driftJob", ExitCodes.STOPPED));

        Thread main = new Thread(context::close, "main-close");
        main.start();
        assertThat(exporter.closing.await(10, TimeUnit.SECONDS)).isTrue();
        Thread self = Thread.currentThread();
        Thread releaser = new Thread(() -> {
            // release the export only once this thread is waiting in afterTermination (its close() has returned)
            try {
                do {
                    Thread.sleep(20);
                } while (self.getState() != Thread.State.TIMED_WAITING);
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exporter.release.countDown();
        });
        releaser.start();

        flush.afterTermination(Duration.ofSeconds(1));

        // Spring's close() on this thread returns at once (the main thread holds the close); the JVM would halt
        // here, so the export must have completed by now.
        assertThat(exporter.exported).isTrue();
        assertThat(context.isActive()).isFalse();
        main.join(5_000);
        releaser.join(5_000);
    }

    @Test
    void closesTheContextItselfWhenNoOneElseDoes() {
        SlowExporter exporter = new SlowExporter();
        exporter.release.countDown();
        GenericApplicationContext context = contextWith(exporter);
        ExitFlush flush = new ExitFlush(context, Duration.ofSeconds(100));
        flush.on(new RunEvents.ProcessFinished("driftJob", ExitCodes.STOPPED));

        flush.afterTermination(Duration.ofSeconds(1));

        assertThat(exporter.exported).isTrue();
        assertThat(context.isActive()).isFalse();
    }

    @Test
    void doesNotWaitForACommandWhoseContextIsAlreadyClosed() {
        // A command that failed: SpringApplication closed the context and no ProcessFinished came; the exit
        // hook runs on System.exit and must let the process end instead of waiting out the grace period.
        SlowExporter exporter = new SlowExporter();
        exporter.release.countDown();
        GenericApplicationContext context = contextWith(exporter);
        context.close();
        ExitFlush flush = new ExitFlush(context, Duration.ofSeconds(100));

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> flush.afterTermination(Duration.ofHours(1)));
    }
}
