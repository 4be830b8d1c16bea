package io.driftwatch.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
        Thread self = Thread.currentThread();
        AtomicBoolean closeReturnedHere = new AtomicBoolean();
        List<Boolean> activeSeenAfterClose = new CopyOnWriteArrayList<>();
        GenericApplicationContext context = new GenericApplicationContext() {
            @Override
            public void close() {
                super.close();
                if (Thread.currentThread() == self) {
                    closeReturnedHere.set(true);
                }
            }

            /** Once close() returned here, the export in flight ends right after the first look at the context. */
            @Override
            public boolean isActive() {
                boolean active = super.isActive();
                if (Thread.currentThread() == self && closeReturnedHere.get()) {
                    activeSeenAfterClose.add(active);
                    exporter.release.countDown();
                }
                return active;
            }
        };
        context.registerBean(SlowExporter.class, () -> exporter);
        context.refresh();
        ExitFlush flush = new ExitFlush(context, Duration.ofSeconds(100));
        flush.on(new RunEvents.ProcessFinished("driftJob", ExitCodes.STOPPED));
        Thread main = new Thread(context::close, "main-close");
        main.start();
        assertThat(exporter.closing.await(10, TimeUnit.SECONDS)).isTrue();

        flush.afterTermination(Duration.ofSeconds(1));

        // Spring's close() on this thread returned at once (the main thread holds the close) while the export was
        // still in flight; the JVM would halt here, so afterTermination must have waited until the context closed.
        assertThat(closeReturnedHere).isTrue();
        assertThat(activeSeenAfterClose).first().as("still closing on the main thread").isEqualTo(true);
        assertThat(activeSeenAfterClose).last().as("closed before returning").isEqualTo(false);
        assertThat(exporter.exported).isTrue();
        main.join(5_000);
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
