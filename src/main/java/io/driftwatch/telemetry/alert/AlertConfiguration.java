package io.driftwatch.telemetry.alert;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import io.micrometer.core.instrument.MeterRegistry;

import io.driftwatch.config.Monitor;
import io.driftwatch.config.MonitorCatalog;

/**
 * Wires incident webhooks. The configuration is validated in every process (a wrong URL fails startup
 * with exit code 2, before any job runs); with no sink configured the listener does nothing.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertProperties.class)
public class AlertConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AlertConfiguration.class);

    /** Margin on top of the longest delivery before another process may take over a claimed row. */
    private static final Duration LEASE_MARGIN = Duration.ofMinutes(1);

    @Bean
    AlertSettings alertSettings(AlertProperties properties) {
        AlertSettings settings = AlertSettings.from(properties);
        if (settings.anySink()) {
            log.info("Incident webhooks on: {}{}{}; problems {}; at most {} per run spent on delivery",
                    settings.alertmanager() == null ? "" : "alertmanager ",
                    settings.pagerduty() == null ? "" : "pagerduty ",
                    settings.webhook() == null ? "" : "webhook", settings.problems(), settings.worstCaseDeliveryTime());
        }
        return settings;
    }

    @Bean
    AlertDispatcher alertDispatcher(AlertSettings settings, JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                                    JsonMapper json, Clock clock, MeterRegistry meters) {
        List<AlertSink> sinks = new ArrayList<>();
        if (settings.alertmanager() != null) {
            sinks.add(new AlertmanagerSink(settings.alertmanager(), settings.alertmanagerHeaders(), settings.resolveAfter(),
                    settings.generatorUrl(), json));
        }
        if (settings.pagerduty() != null) {
            sinks.add(new PagerDutySink(settings.pagerduty(), settings.routingKey(), settings.pagerdutySource(),
                    settings.generatorUrl(), json));
        }
        if (settings.webhook() != null) {
            sinks.add(new WebhookSink(settings.webhook(), settings.webhookHeaders(), json));
        }
        TransactionTemplate requiresNew = new TransactionTemplate(transactionManager);
        requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        HttpDelivery http = new HttpDelivery(HttpDelivery.client(settings.connectTimeout()), settings.retry(),
                settings.requestTimeout(), settings.deliveryBudget());
        return new AlertDispatcher(sinks, http, new JdbcAlertStateDao(jdbc), requiresNew, clock, meters,
                settings.worstCaseDeliveryTime().plus(LEASE_MARGIN));
    }

    @Bean
    AlertListener alertListener(AlertSettings settings, AlertDispatcher dispatcher, MonitorCatalog catalog) {
        return new AlertListener(new AlertRules(settings, name -> catalog.find(name).map(Monitor::model).orElse(null)),
                dispatcher);
    }
}
