package io.driftwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.config.MonitorConfigurationException;
import io.driftwatch.demo.DemoReference;

/** The process as a user starts it: main's arguments in, the summary and the exit code out. */
@ExtendWith(OutputCaptureExtension.class)
class DriftwatchApplicationTest {

    private static final String DEMO_DB =
            "--spring.datasource.url=jdbc:h2:mem:demo-app-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";

    @Test
    void theEmbeddedDemoFlagsItsShiftedFeaturesPrintsTheSummaryAndExitsZeroThenThreeOnRerun(CapturedOutput output) {
        ConfigurableApplicationContext context = SpringApplication.run(DriftwatchApplication.class, DEMO_DB,
                "runDate=2026-05-01");
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForList("SELECT DISTINCT feature FROM drift_report WHERE drifted ORDER BY feature", String.class))
                .containsExactly("income", "region");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM retraining_task WHERE run_date = DATE '2026-05-01'", Long.class))
                .isEqualTo(1);
        assertThat(SpringApplication.exit(context)).isZero();
        assertThat(output.getOut())
                .contains("drift report for run date 2026-05-01")
                .contains(String.format(java.util.Locale.ROOT, "what changed: region: 'central' %.1f%% → %.1f%% (%+.1f points)",
                        100 * DemoReference.share("region", "central", false), 100 * DemoReference.share("region", "central", true),
                        100 * (DemoReference.share("region", "central", true) - DemoReference.share("region", "central", false))))
                .contains("retraining tasks enqueued: 1")
                .contains("driftJob completed for runDate=2026-05-01 [exit 0 COMPLETED]");

        // The default selection (the demo lists no methods): one effects line per feature, as the reference judges it.
        for (String feature : java.util.List.of("income", "age", "credit_score", "debt_ratio", "region", "channel")) {
            java.util.regex.Matcher line = java.util.regex.Pattern.compile("(?m)^\\s+" + feature
                    + "\\s+effects\\s+(\\d+\\.\\d{4})\\s+1\\.000\\s+(DRIFT|ok)$").matcher(output.getOut());
            assertThat(line.find()).as("summary line of %s in%n%s", feature, output.getOut()).isTrue();
            DemoReference.assertEffectsScore(feature, Double.parseDouble(line.group(1)), 0.00005);
            assertThat(line.group(2)).isEqualTo(DemoReference.drifted(feature) ? "DRIFT" : "ok");
        }

        ConfigurableApplicationContext again = SpringApplication.run(DriftwatchApplication.class, DEMO_DB, "runDate=2026-05-01");

        assertThat(SpringApplication.exit(again)).isEqualTo(3);
        assertThat(output.getOut()).contains("already completed for runDate=2026-05-01");

        // k8s-cronjob.yaml's environment variable: a Kubernetes Job counts an already complete date as succeeded.
        SpringApplication cronJob = new SpringApplication(DriftwatchApplication.class);
        cronJob.setEnvironment(environment(Map.of("DRIFTWATCH_EXITCODES_ALREADYCOMPLETE", "0")));
        ConfigurableApplicationContext underKubernetes = cronJob.run(DEMO_DB, "runDate=2026-05-01");

        assertThat(SpringApplication.exit(underKubernetes)).isZero();
        assertThat(output.getOut()).contains("already completed for runDate=2026-05-01").contains("[exit 0 ALREADY_COMPLETE]");
    }

    /** The process's environment variables plus {@code variables}, bound as Spring Boot binds the real ones. */
    private static StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        Map<String, Object> all = new HashMap<>(environment.getSystemEnvironment());
        all.putAll(variables);
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, all));
        return environment;
    }

    @Test
    void reaperJobReturnsExpiredLeasesAndSaysHowMany(CapturedOutput output) {
        String db = "--spring.datasource.url=jdbc:h2:mem:reaper-app-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
        ConfigurableApplicationContext setup = SpringApplication.run(DriftwatchApplication.class, db,
                "--driftwatch.launch.enabled=false");
        setup.getBean(JdbcTemplate.class).update("INSERT INTO retraining_task (model, monitor, run_date, reason, evidence,"
                + " status, dedupe_key, attempts, max_attempts, lease_owner, lease_token, heartbeat_at, lease_expires_at) VALUES"
                + " ('m', 'mon', DATE '2026-04-01', 'r', '{}', 'RUNNING', 'retrain:m', 1, 5, 'w', 't', TIMESTAMP WITH TIME"
                + " ZONE '2026-03-31 23:55:00+00', TIMESTAMP WITH TIME ZONE '2026-04-01 00:00:00+00')");

        // a second process on the same database (the first stays open so the in-memory database lives on)
        ConfigurableApplicationContext reaper = SpringApplication.run(DriftwatchApplication.class, db,
                "--spring.batch.job.name=reaperJob");

        assertThat(reaper.getBean(JdbcTemplate.class).queryForObject("SELECT status FROM retraining_task", String.class))
                .isEqualTo("RETRYABLE");
        assertThat(SpringApplication.exit(reaper)).isZero();
        SpringApplication.exit(setup);
        assertThat(output.getOut()).contains("reaperJob completed: 1 expired lease(s) returned for retry, 0 dead-lettered");
    }

    @Test
    void aMalformedRunDateExitsTwoWithTheExpectedFormat(CapturedOutput output) {
        ConfigurableApplicationContext context = SpringApplication.run(DriftwatchApplication.class,
                "--spring.datasource.url=jdbc:h2:mem:bad-args;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "runDate=03/02/2026");

        assertThat(SpringApplication.exit(context)).isEqualTo(2);
        assertThat(output.getOut()).contains("runDate '03/02/2026' is not a date. Use runDate=YYYY-MM-DD");
    }

    @Test
    void helpPrintsTheUsageAndExitsZeroWithoutTouchingTheDatabase(CapturedOutput output) {
        // an unreachable database: any attempt to start would fail with exit code 1
        int exitCode = DriftwatchApplication.run("--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none", "--help");

        assertThat(exitCode).isZero();
        assertThat(output.getOut()).contains("Usage: java -jar driftwatch.jar").contains("runs rerun monitor=NAME")
                .contains(" 7 NO_DATA").contains("docs/configuration.md").doesNotContain("HikariPool");
    }

    @Test
    void aDashedRunDateIsRejectedBeforeStartWithTheRightSpelling(CapturedOutput output) {
        int exitCode = DriftwatchApplication.run("--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none",
                "--runDate=2026-03-02");

        assertThat(exitCode).isEqualTo(2);
        assertThat(output.getOut()).contains("'--runDate=2026-03-02' is not an option: job parameters take no dashes."
                + " Write runDate=2026-03-02 instead. [exit 2 INVALID_CONFIGURATION]");
    }

    @Test
    void aMissingConfigurationFileIsExitTwoNamingTheFile(CapturedOutput output) {
        int exitCode = DriftwatchApplication.run(DEMO_DB, "--spring.config.additional-location=file:/nonexistent/monitors.yaml",
                "--driftwatch.launch.enabled=false");

        assertThat(exitCode).isEqualTo(2);
        assertThat(output.toString()).contains("/nonexistent/monitors.yaml").contains("does not exist");
    }

    @Test
    void aYamlSyntaxErrorIsExitTwoNamingTheFileLineAndColumnWithoutAStackTrace(CapturedOutput output,
                                                                             @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("monitors.yaml"), """
                driftwatch:
                  monitors:
                    - name: loans
                     model: credit-risk
                """);

        int exitCode = DriftwatchApplication.run(DEMO_DB, "--spring.config.additional-location=file:" + file,
                "--driftwatch.launch.enabled=false");

        assertThat(exitCode).isEqualTo(2);
        assertThat(output.toString()).contains("The configuration file URL [file:" + file + "] is not valid YAML at line 4, column 6")
                .doesNotContain("\tat org.yaml");
    }

    @Test
    void anInvalidMonitorStopsStartupWithExitCodeTwoAndTheProblem() {
        assertThatThrownBy(() -> SpringApplication.run(DriftwatchApplication.class,
                "--spring.datasource.url=jdbc:h2:mem:bad-config;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                "--driftwatch.monitors[0].name=loans", "--driftwatch.monitors[0].model=credit-risk",
                "--driftwatch.monitors[0].source.table=loan_features", "--driftwatch.monitors[0].source.timestamp-column=scored_at",
                "--driftwatch.monitors[0].window=P1X", "--driftwatch.monitors[0].features[0].name=income",
                "--driftwatch.monitors[0].features[0].type=numeric"))
                .hasRootCauseInstanceOf(MonitorConfigurationException.class)
                .rootCause()
                .hasMessageContaining("monitor 'loans': driftwatch.monitors[0].window = 'P1X'")
                .satisfies(e -> assertThat(((ExitCodeGenerator) e).getExitCode()).isEqualTo(2));
    }

    @Test
    void noMonitorsOnAConfiguredDatabaseIsAnErrorForDriftJobNotADemo(CapturedOutput output) {
        ConfigurableApplicationContext context = SpringApplication.run(DriftwatchApplication.class,
                "--spring.datasource.url=jdbc:h2:file:./target/no-monitors-" + java.util.UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");

        assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM drift_run", Long.class)).isZero();
        assertThat(SpringApplication.exit(context)).isEqualTo(2);
        assertThat(output.getOut()).contains("driftJob has no monitors to run").contains("driftwatch.monitors");
    }
}
