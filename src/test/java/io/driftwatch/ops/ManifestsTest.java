package io.driftwatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The shipped Kubernetes and Argo manifests keep the properties operators rely on: Pod Security "restricted",
 * no Secret in the re-applied CronJob, no retry of what a retry cannot fix, and canary analysis that never
 * turns too little data into a rollback.
 */
class ManifestsTest {

    private static final Path CRONJOB = Path.of("k8s-cronjob.yaml");
    private static final Path ANALYSIS = Path.of("deploy/argo-analysis-template.yaml");
    private static final Path WORKERS = Path.of("deploy/driftwatch-worker.yaml");

    @Test
    void theCronJobManifestHoldsNoSecretAndTheExampleDoes() throws IOException {
        assertThat(documents(CRONJOB)).extracting(d -> d.get("kind")).containsExactly("ConfigMap", "CronJob");
        assertThat(documents(Path.of("deploy/driftwatch-db-secret.example.yaml"))).extracting(d -> d.get("kind"))
                .containsExactly("Secret");
        assertThat(documents(WORKERS)).extracting(d -> d.get("kind")).containsExactly("Deployment");
        assertThat(documents(Path.of("deploy/driftwatch-broker-secret.example.yaml"))).extracting(d -> d.get("kind"))
                .containsExactly("Secret");
    }

    @Test
    void everyPodIsRestricted() throws IOException {
        List<Map<?, ?>> pods = new ArrayList<>();
        Map<?, ?> cronJob = documents(CRONJOB).get(1);
        pods.add(at(cronJob, "spec", "jobTemplate", "spec", "template", "spec"));
        for (Object metric : (List<?>) at(documents(ANALYSIS).get(0), "spec").get("metrics")) {
            pods.add(at((Map<?, ?>) metric, "provider", "job", "spec", "template", "spec"));
        }
        pods.add(at(documents(WORKERS).get(0), "spec", "template", "spec"));
        assertThat(pods).hasSize(4).allSatisfy(pod -> {
            Map<?, ?> security = at(pod, "securityContext");
            assertThat(security.get("runAsNonRoot")).isEqualTo(true);
            assertThat((Integer) security.get("runAsUser")).isPositive();
            assertThat(at(security, "seccompProfile").get("type")).isEqualTo("RuntimeDefault");
            Map<?, ?> container = (Map<?, ?>) ((List<?>) pod.get("containers")).get(0);
            Map<?, ?> containerSecurity = at(container, "securityContext");
            assertThat(containerSecurity.get("allowPrivilegeEscalation")).isEqualTo(false);
            assertThat(containerSecurity.get("readOnlyRootFilesystem")).isEqualTo(true);
            assertThat(at(containerSecurity, "capabilities").get("drop")).isEqualTo(List.of("ALL"));
            assertThat((List<?>) container.get("volumeMounts")).anySatisfy(m -> assertThat(((Map<?, ?>) m).get("mountPath"))
                    .isEqualTo("/tmp"));
        });
    }

    @Test
    void aRunIsTakenOverOnlyAfterItsPodMustBeGoneAndConfigurationErrorsAreNotRetried() throws IOException {
        List<Map<String, Object>> docs = documents(CRONJOB);
        Map<?, ?> jobSpec = at(docs.get(1), "spec", "jobTemplate", "spec");
        Map<String, Object> config = new Yaml().load(at(docs.get(0), "data").get("application.yaml").toString());
        Duration recoverAfter = Duration.parse(at(config, "driftwatch").get("recover-after").toString());

        assertThat(recoverAfter).isGreaterThan(Duration.ofSeconds((Integer) jobSpec.get("activeDeadlineSeconds")));
        Map<?, ?> failJob = (Map<?, ?>) ((List<?>) at(jobSpec, "podFailurePolicy").get("rules")).get(0);
        assertThat(failJob.get("action")).isEqualTo("FailJob");
        assertThat(at(failJob, "onExitCodes").get("values")).isEqualTo(List.of(2, 3));
    }

    @Test
    void workersReadBrokerAndDatabaseCredentialsFromSecretsAndFinishTheirPartitionsWithinTheGracePeriod()
            throws IOException {
        Map<?, ?> pod = at(documents(WORKERS).get(0), "spec", "template", "spec");
        Map<?, ?> container = (Map<?, ?>) ((List<?>) pod.get("containers")).get(0);
        Map<String, Map<?, ?>> env = new java.util.LinkedHashMap<>();
        for (Object variable : (List<?>) container.get("env")) {
            env.put((String) ((Map<?, ?>) variable).get("name"), (Map<?, ?>) variable);
        }

        assertThat(env.get("DRIFTWATCH_ROLE").get("value")).isEqualTo("worker");
        assertThat(env.get("DRIFTWATCH_PARTITIONING").get("value")).isEqualTo("remote");
        for (String secret : List.of("DRIFTWATCH_REMOTE_USERNAME", "DRIFTWATCH_REMOTE_PASSWORD", "SPRING_DATASOURCE_PASSWORD")) {
            assertThat(env.get(secret).containsKey("value")).as(secret).isFalse();
            assertThat(at(env.get(secret), "valueFrom", "secretKeyRef").get("name")).as(secret)
                    .isIn("driftwatch-broker", "driftwatch-db");
        }
        // the worker's own wait for its partitions ends before Kubernetes kills the pod
        Duration grace = Duration.parse(env.get("DRIFTWATCH_SHUTDOWNGRACE").get("value").toString());
        assertThat(grace).isLessThan(Duration.ofSeconds((Integer) pod.get("terminationGracePeriodSeconds")));
    }

    @Test
    void anAlreadyCompleteDateEndsTheJobSucceeded() throws IOException {
        Map<?, ?> container = (Map<?, ?>) ((List<?>) at(documents(CRONJOB).get(1), "spec", "jobTemplate", "spec", "template",
                "spec").get("containers")).get(0);

        // bound by relaxed binding to driftwatch.exit-codes.already-complete (DriftwatchApplicationTest runs it)
        List<Object> env = List.copyOf((List<?>) container.get("env"));
        assertThat(env).contains(Map.of("name", "DRIFTWATCH_EXITCODES_ALREADYCOMPLETE", "value", "0"));
    }

    @Test
    void inconclusiveIsMeasuredAgainLaterAndNeverCountsAsAFailure() throws IOException {
        List<?> metrics = (List<?>) at(documents(ANALYSIS).get(0), "spec").get("metrics");
        Map<?, ?> noRollback = (Map<?, ?>) metrics.get(0);
        Map<?, ?> promoted = (Map<?, ?>) metrics.get(1);

        for (Map<?, ?> metric : List.of(noRollback, promoted)) {
            assertThat(metric.get("interval")).isEqualTo("10m");
            assertThat(at(metric, "provider", "job", "spec").get("backoffLimit")).isEqualTo(0);
        }
        // the first metric fails at the first ROLLBACK, and its Job succeeds on INCONCLUSIVE (exit 11)
        assertThat(noRollback.get("failureLimit")).isEqualTo(0);
        Map<?, ?> judge = (Map<?, ?>) ((List<?>) at(noRollback, "provider", "job", "spec", "template", "spec")
                .get("containers")).get(0);
        assertThat(String.join(" ", (List<String>) judge.get("command"))).contains("\"$code\" -eq 11 ]; then exit 0");
        // the second succeeds at the first PROMOTE and counts no failure
        assertThat(promoted.get("failureLimit")).isEqualTo(-1);
        assertThat(promoted.get("consecutiveSuccessLimit")).isEqualTo(1);
    }

    private static List<Map<String, Object>> documents(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(Files.readString(file))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) document;
            documents.add(map);
        }
        return documents;
    }

    private static Map<?, ?> at(Map<?, ?> node, String... path) {
        Map<?, ?> current = node;
        for (String key : path) {
            current = (Map<?, ?>) current.get(key);
            assertThat(current).as(String.join(".", path)).isNotNull();
        }
        return current;
    }
}
