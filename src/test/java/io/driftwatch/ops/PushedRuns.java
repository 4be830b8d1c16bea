package io.driftwatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.DriftwatchApplication;
import io.driftwatch.ExitCodes;
import io.driftwatch.canary.PredictionLogs;
import io.driftwatch.config.DriftwatchProperties;
import io.driftwatch.demo.DemoData;
import io.driftwatch.cli.DriftCommand;
import io.driftwatch.support.FaultInjection;

/**
 * Real driftwatch runs (the embedded demo, in this JVM) pushing their final metrics to a real Pushgateway,
 * and what the Pushgateway exposes after each: the series Prometheus would scrape, grouping key included.
 */
final class PushedRuns {

    /** What the Pushgateway exposed after one run. */
    record Scrape(String run, Map<Series, String> samples) {
    }

    /** A fresh embedded database per run, named by it. */
    private static final String DB = "jdbc:h2:mem:pushed-runs-%s;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
    static final Instant CANARY_END = Instant.parse("2026-05-01T11:00:00Z");

    private PushedRuns() {
    }

    /**
     * A completed night; a process that runs two nights (the second's retraining refused: the first night's task
     * is open); a night of a monitor that lists its methods (psi and kl) and has segments (by channel) on the demo's tables; a canary judged
     * ROLLBACK; then a night that fails in its drift step. Each scrape is taken right
     * after its run.
     */
    static List<Scrape> nightsCanaryAndFailure(LocalPushgateway gateway) throws Exception {
        List<Scrape> scrapes = new ArrayList<>();
        assertThat(run(gateway, "night", null, "runDate=2026-05-01")).isEqualTo(ExitCodes.COMPLETED.code());
        scrapes.add(new Scrape("completed driftJob", Series.samples(gateway.metrics())));
        assertThat(run(gateway, "nights", PushedRuns::previousNight, "runDate=2026-05-02")).isEqualTo(ExitCodes.COMPLETED.code());
        scrapes.add(new Scrape("next driftJob", Series.samples(gateway.metrics())));
        assertThat(run(gateway, "listed-methods", PushedRuns::demoTables, listedMethods("runDate=2026-05-01")))
                .isEqualTo(ExitCodes.COMPLETED.code());
        scrapes.add(new Scrape("driftJob with listed methods", Series.samples(gateway.metrics())));
        assertThat(run(gateway, "canary", PushedRuns::predictionLogs, "--spring.batch.job.name=canaryJob", "model=ranker",
                "baselineVersion=v1", "candidateVersion=v2", "window=PT1H", "end=" + CANARY_END))
                .isEqualTo(ExitCodes.ROLLBACK.code());
        scrapes.add(new Scrape("canaryJob rollback", Series.samples(gateway.metrics())));
        assertThat(run(gateway, "no-data", null, "runDate=" + LocalDate.now(ZoneOffset.UTC).plusDays(30)))
                .isEqualTo(ExitCodes.NO_DATA.code());
        scrapes.add(new Scrape("driftJob with nothing to judge", Series.samples(gateway.metrics())));
        assertThat(run(gateway, "failure", PushedRuns::failDriftStep, "runDate=2026-05-02"))
                .isEqualTo(ExitCodes.FAILED.code());
        scrapes.add(new Scrape("failed driftJob", Series.samples(gateway.metrics())));
        return scrapes;
    }

    /** The night before, in the same process, so that the night's retraining finds its task still open. */
    private static void previousNight(ConfigurableApplicationContext context) {
        LocalDate night = LocalDate.parse("2026-05-01");
        DemoData.load(context.getBean(JdbcTemplate.class), night, ZoneOffset.UTC);
        assertThat(context.getBean(DriftCommand.class).launch(night).exitCode()).isEqualTo(ExitCodes.COMPLETED);
    }

    /** The demo's tables and rows for 2026-05-01, for a monitor configured by hand (the demo itself is then off). */
    private static void demoTables(ConfigurableApplicationContext context) {
        DemoData.load(context.getBean(JdbcTemplate.class), LocalDate.parse("2026-05-01"), ZoneOffset.UTC);
    }

    /**
     * The demo monitor as a user would configure it with a {@code methods} list (psi and kl) instead of the default
     * selection and segments by channel, followed by {@code args}.
     */
    private static String[] listedMethods(String... args) {
        List<String> all = new ArrayList<>(List.of("--driftwatch.monitors[0].name=loans-demo",
                "--driftwatch.monitors[0].model=" + DemoData.MODEL,
                "--driftwatch.monitors[0].source.table=" + DemoData.SOURCE_TABLE,
                "--driftwatch.monitors[0].source.timestamp-column=scored_at",
                "--driftwatch.monitors[0].baseline.table=" + DemoData.BASELINE_TABLE,
                "--driftwatch.monitors[0].window=P1D",
                "--driftwatch.monitors[0].methods.numeric=psi,kl",
                "--driftwatch.monitors[0].methods.categorical=psi,kl",
                "--driftwatch.monitors[0].segments[0].column=channel",
                "--driftwatch.monitors[0].segments[0].max=5"));
        List<DriftwatchProperties.FeatureProperties> features = DemoData.monitors().get(0).getFeatures();
        for (int i = 0; i < features.size(); i++) {
            all.add("--driftwatch.monitors[0].features[" + i + "].name=" + features.get(i).getName());
            all.add("--driftwatch.monitors[0].features[" + i + "].type=" + features.get(i).getType());
        }
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    /** A candidate whose scores shifted: canaryJob judges it ROLLBACK. */
    private static void predictionLogs(ConfigurableApplicationContext context) {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        Instant start = CANARY_END.minus(Duration.ofHours(1));
        PredictionLogs.insert(jdbc, "ranker", "v1", start, CANARY_END, 500, 0.20, 0.05, 0.83, 1);
        PredictionLogs.insert(jdbc, "ranker", "v2", start, CANARY_END, 500, 0.35, 0.05, 0.83, 2);
    }

    private static void failDriftStep(ConfigurableApplicationContext context) {
        context.getBean(FaultInjection.class).failNextComputation();
    }

    /**
     * One process: starts, runs its command, exits (the Pushgateway push happens on exit). {@code beforeCommand}
     * runs once the context has started, before the command.
     */
    private static int run(LocalPushgateway gateway, String database, Consumer<ConfigurableApplicationContext> beforeCommand,
                           String... args) {
        List<String> all = new ArrayList<>(List.of("--spring.datasource.url=" + DB.formatted(database),
                "--management.prometheus.metrics.export.pushgateway.enabled=true",
                "--management.prometheus.metrics.export.pushgateway.address=" + gateway.address(),
                "--management.prometheus.metrics.export.pushgateway.push-rate=1h"));
        all.addAll(List.of(args));
        SpringApplication app = new SpringApplication(FaultInjection.class, DriftwatchApplication.class);
        if (beforeCommand != null) {
            app.addListeners((ApplicationListener<ApplicationStartedEvent>) started ->
                    beforeCommand.accept(started.getApplicationContext()));
        }
        return SpringApplication.exit(app.run(all.toArray(String[]::new)));
    }
}
