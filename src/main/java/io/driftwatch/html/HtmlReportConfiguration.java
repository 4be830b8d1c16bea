package io.driftwatch.html;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import io.driftwatch.config.MonitorCatalog;
import io.driftwatch.demo.DemoData;
import io.driftwatch.report.JdbcDriftReportDao;
import io.driftwatch.window.JdbcWindowProfileDao;

/** The HTML pages: their reader and renderer, and driftJob's page per run date when a report directory is set. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReportProperties.class)
public class HtmlReportConfiguration {

    @Bean
    HtmlReports htmlReports(JdbcReportReader reader, JdbcDriftReportDao reports, JdbcWindowProfileDao profiles, JsonMapper json,
                            MonitorCatalog catalog, ReportProperties properties, Clock clock) {
        return new HtmlReports(new RunPages(reader, reports, profiles, json, catalog.zone(), properties.getHistoryRuns(),
                clock), new HistoryPages(reader, catalog.zone(), clock));
    }

    @Bean
    JdbcReportReader jdbcReportReader(JdbcTemplate jdbc) {
        return new JdbcReportReader(jdbc);
    }

    /** Writes when driftwatch.report.dir is set, and on the built-in demo. */
    @Bean
    RunReportListener runReportListener(HtmlReports reports, ReportProperties properties, Optional<DemoData> demo,
                                        ApplicationEventPublisher events) {
        return new RunReportListener(reports, reportDir(properties, demo.isPresent()), events);
    }

    /** Writes the page of each canary verdict when driftwatch.report.dir is set (and on the built-in demo). */
    @Bean
    CanaryReportListener canaryReportListener(HtmlReports reports, ReportProperties properties, Optional<DemoData> demo,
                                              MonitorCatalog catalog, Clock clock) {
        return new CanaryReportListener(reports, reportDir(properties, demo.isPresent()), catalog.zone(), clock);
    }

    static Path reportDir(ReportProperties properties, boolean demo) {
        if (!properties.getDir().isEmpty()) {
            return Path.of(properties.getDir());
        }
        return demo ? Path.of(System.getProperty("java.io.tmpdir"), "driftwatch-report") : null;
    }
}
