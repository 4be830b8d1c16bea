package io.driftwatch.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import io.driftwatch.drift.DriftMethod;
import io.driftwatch.drift.DriftMethods;
import io.driftwatch.drift.DriftResult;
import io.driftwatch.drift.MethodSettings;
import io.driftwatch.drift.ThresholdKind;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.FeatureType;

/**
 * Replaces the method registry with the standard methods wrapped so that a test can make exactly
 * one drift computation throw, as a crash inside the drift step would, or hold one inside its step's
 * transaction until the test lets it go. Unarmed, it changes nothing.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FaultInjection {

    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicReference<Hold> held = new AtomicReference<>();

    /** A computation held: {@link #entered()} once it waits, {@link #release()} lets it go on. */
    public record Hold(CountDownLatch entered, CountDownLatch released) {
        /** Whether the held computation has begun waiting within {@code seconds}. */
        public boolean entered(long seconds) throws InterruptedException {
            return entered.await(seconds, TimeUnit.SECONDS);
        }

        public void release() {
            released.countDown();
        }
    }

    /**
     * The next drift computation, in whichever partition comes first, waits (at most two minutes) until the returned
     * hold is released: its partition is then inside its step's transaction, before it writes anything.
     */
    public Hold holdNextComputation() {
        Hold hold = new Hold(new CountDownLatch(1), new CountDownLatch(1));
        held.set(hold);
        return hold;
    }

    /** The next drift computation, in whichever partition comes first, throws once. */
    public void failNextComputation() {
        armed.set(true);
    }

    @Bean
    DriftMethods driftMethods() {
        List<DriftMethod> wrapped = new ArrayList<>();
        DriftMethods standard = DriftMethods.standard();
        for (String name : standard.names()) {
            DriftMethod delegate = standard.require(name);
            wrapped.add(new DriftMethod() {
                @Override
                public String name() {
                    return delegate.name();
                }

                @Override
                public boolean supports(FeatureType type) {
                    return delegate.supports(type);
                }

                @Override
                public double defaultThreshold() {
                    return delegate.defaultThreshold();
                }

                @Override
                public ThresholdKind thresholdKind() {
                    return delegate.thresholdKind();
                }

                @Override
                public MethodSettings defaultSettings() {
                    return delegate.defaultSettings();
                }

                @Override
                public DriftResult compute(FeatureProfile baseline, FeatureProfile current, double threshold) {
                    return compute(baseline, current, defaultSettings().withThreshold(threshold));
                }

                @Override
                public DriftResult compute(FeatureProfile baseline, FeatureProfile current, MethodSettings settings) {
                    if (armed.compareAndSet(true, false)) {
                        throw new IllegalStateException("injected failure in the drift step");
                    }
                    Hold hold = held.getAndSet(null);
                    if (hold != null) {
                        hold.entered().countDown();
                        try {
                            hold.released().await(2, TimeUnit.MINUTES);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return delegate.compute(baseline, current, settings);
                }
            });
        }
        return new DriftMethods(wrapped);
    }
}
