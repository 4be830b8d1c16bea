package io.driftwatch.demo;

import java.util.List;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.config.DriftwatchProperties;

/**
 * The built-in demo, switched on only where it can do no harm: the embedded in-memory database with
 * no monitors configured. Its {@link DemoData} bean supplies the demo monitor and fills its tables.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(DemoConfiguration.EmbeddedDefaultWithoutMonitors.class)
public class DemoConfiguration {

    @Bean
    DemoData demoData(JdbcTemplate jdbc) {
        return new DemoData(jdbc);
    }

    /** Matches when {@code spring.datasource.url} is the in-memory H2 and {@code driftwatch.monitors} is empty. */
    static final class EmbeddedDefaultWithoutMonitors implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Binder binder = Binder.get(context.getEnvironment());
            boolean embedded = DemoData.isEmbeddedDefault(context.getEnvironment().getProperty("spring.datasource.url"));
            boolean noMonitors = binder.bind("driftwatch.monitors",
                    Bindable.listOf(DriftwatchProperties.MonitorProperties.class)).map(List::isEmpty).orElse(true);
            return embedded && noMonitors;
        }
    }
}
