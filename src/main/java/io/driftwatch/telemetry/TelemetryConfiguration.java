package io.driftwatch.telemetry;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

import io.driftwatch.retrain.JdbcTaskQueries;

/** Meters, their cardinality bound, and the naming of Spring Batch's observations (spans and timers). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MetricsProperties.class)
public class TelemetryConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TelemetryConfiguration.class);

    @Bean
    DriftMetrics driftMetrics(MeterRegistry registry, MetricsProperties properties, JdbcTaskQueries tasks) {
        return new DriftMetrics(registry, properties, tasks::depth);
    }

    @Bean
    ExitFlush exitFlush(org.springframework.context.ConfigurableApplicationContext context,
                        io.driftwatch.config.DriftwatchProperties properties) {
        return new ExitFlush(context, properties.getShutdownGrace());
    }

    @Bean
    BatchObservationNames batchObservationNames() {
        return new BatchObservationNames();
    }

    /** At most {@code driftwatch.metrics.max-feature-tags} feature values per per-feature meter; the rest are dropped with one warning. */
    @Bean
    MeterFilter featureTagLimit(MetricsProperties properties) {
        AtomicBoolean warned = new AtomicBoolean();
        MeterFilter beyond = new MeterFilter() {
            @Override
            public MeterFilterReply accept(Meter.Id id) {
                if (!warned.getAndSet(true)) {
                    log.warn("More than {} features: per-feature meters of the others are not registered (monitor-level"
                            + " meters still count them). Raise driftwatch.metrics.max-feature-tags if your registry can"
                            + " take more series, or set driftwatch.metrics.per-feature=false.", properties.getMaxFeatureTags());
                }
                return MeterFilterReply.DENY;
            }
        };
        return MeterFilter.maximumAllowableTags("driftwatch.drift.", "feature", properties.getMaxFeatureTags(), beyond);
    }
}
