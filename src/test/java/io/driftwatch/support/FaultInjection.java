package io.driftwatch.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * one drift computation throw, as a crash inside the drift step would. Unarmed, it changes nothing.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FaultInjection {

    private final AtomicBoolean armed = new AtomicBoolean();

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
                    return delegate.compute(baseline, current, settings);
                }
            });
        }
        return new DriftMethods(wrapped);
    }
}
