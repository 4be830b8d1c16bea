package io.driftwatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every Kubernetes and Argo Rollouts manifest in the repository (any YAML document with an apiVersion and a
 * kind) is valid against the published schemas: a misspelt field or a value of the wrong type fails here,
 * not at {@code kubectl apply} (or, worse, silently: the API server prunes unknown fields of a custom resource).
 */
class ManifestSchemasTest {

    private static final Set<String> NOT_SOURCES = Set.of(".git", "target", "node_modules", ".mvn");

    @Test
    void everyManifestInTheRepositoryIsValidAgainstTheKubernetesSchema() throws IOException {
        Map<String, List<Map<?, ?>>> manifests = manifests();
        assertThat(manifests).containsKeys("k8s-cronjob.yaml", "deploy/argo-analysis-template.yaml",
                "deploy/driftwatch-db-secret.example.yaml", "deploy/driftwatch-worker.yaml",
                "deploy/driftwatch-broker-secret.example.yaml");

        assertThat(problems(manifests, ManifestSchemasTest::kubernetesProblems)).as("schema problems").isEmpty();
    }

    /** Separate, as it needs node: without it (outside CI) only this test is skipped. */
    @Test
    void everyArgoRolloutsManifestIsValidAgainstTheArgoRolloutsSchema() throws IOException {
        assertThat(problems(manifests(), ManifestSchemasTest::argoProblems)).as("schema problems").isEmpty();
    }

    @Test
    void aMisspeltFieldOrAValueOfTheWrongTypeIsAProblem() throws IOException {
        Map<?, ?> cronJob = document("k8s-cronjob.yaml", "CronJob");
        assertThat(problems(cronJob)).isEmpty();

        assertThat(problems(with(cronJob, "backofLimit", 2, "spec", "jobTemplate", "spec")))
                .singleElement().asString().contains("`backofLimit`").contains("not defined");
        assertThat(problems(with(cronJob, "activeDeadlineSeconds", "4h", "spec", "jobTemplate", "spec")))
                .singleElement().asString().contains("activeDeadlineSeconds");
        assertThat(problems(with(cronJob, "runAsNonRoot", "true", "spec", "jobTemplate", "spec", "template", "spec",
                "securityContext"))).singleElement().asString().contains("runAsNonRoot").contains("Boolean");
        assertThat(problems(with(cronJob, "schedule", null, "spec"))).singleElement().asString().contains("schedule");

        Map<?, ?> workers = document("deploy/driftwatch-worker.yaml", "Deployment");
        assertThat(problems(workers)).isEmpty();
        assertThat(problems(with(workers, "replica", 2, "spec"))).singleElement().asString().contains("`replica`")
                .contains("not defined");
        assertThat(problems(with(workers, "terminationGracePeriodSeconds", "11m", "spec", "template", "spec")))
                .singleElement().asString().contains("terminationGracePeriodSeconds");

        Map<?, ?> secret = document("deploy/driftwatch-db-secret.example.yaml", "Secret");
        assertThat(problems(with(secret, "data", Map.of("password", "Y2hhbmdlLW1l"), "metadata"))).singleElement()
                .asString().contains("`data`").contains("V1ObjectMeta");
        assertThat(problems(with(secret, "data", Map.of("password", "Y2hhbmdlLW1l")))).isEmpty();
        assertThat(problems(with(secret, "data", Map.of("password", "change me")))).singleElement().asString()
                .contains("not base64");
    }

    @Test
    void aMisspeltFieldOrAValueOfTheWrongTypeInTheAnalysisTemplateIsAProblem() throws Exception {
        Map<?, ?> template = document("deploy/argo-analysis-template.yaml", "AnalysisTemplate");
        assertThat(problems(template)).isEmpty();

        // Argo Rollouts' own fields
        assertThat(problems(withMetric(template, "inconclusiveLimt", 1)))
                .containsExactly("/spec/metrics/0/inconclusiveLimt: not a field of the AnalysisTemplate schema");
        assertThat(problems(withMetric(template, "interval", 600))).singleElement().asString()
                .startsWith("/spec/metrics/0/interval: ");
        // the Kubernetes Job that a metric runs, checked against the Kubernetes schema too
        Map<?, ?> job = with(template, "backofLimit", 0, "spec", "metrics", "0", "provider", "job", "spec");
        assertThat(problems(job)).contains("/spec/metrics/0/provider/job/spec/backofLimit: not a field of the"
                + " AnalysisTemplate schema").anySatisfy(p -> assertThat(p).contains("V1JobSpec").contains("`backofLimit`"));
    }

    /** The problems that {@code check} finds in every manifest document, each prefixed by its file and kind. */
    private static List<String> problems(Map<String, List<Map<?, ?>>> manifests, Function<Map<?, ?>, List<String>> check) {
        List<String> problems = new ArrayList<>();
        manifests.forEach((file, documents) -> {
            for (Map<?, ?> document : documents) {
                check.apply(document).forEach(p -> problems.add(file + " (" + document.get("kind") + "): " + p));
            }
        });
        return problems;
    }

    /** The schema problems of one manifest document. */
    private static List<String> problems(Map<?, ?> document) {
        List<String> problems = new ArrayList<>(kubernetesProblems(document));
        problems.addAll(argoProblems(document));
        return problems;
    }

    /** What the Kubernetes schema finds: in a Kubernetes object, or in the metadata and Job specs of an Argo one. */
    private static List<String> kubernetesProblems(Map<?, ?> document) {
        Object apiVersion = document.get("apiVersion");
        Object kind = document.get("kind");
        if (KubernetesSchema.knows(apiVersion, kind)) {
            return KubernetesSchema.problems(document);
        }
        if (!ArgoRolloutsSchema.knows(apiVersion, kind)) {
            return List.of("no schema for apiVersion " + apiVersion + ", kind " + kind + ": add one to "
                    + KubernetesSchema.class.getSimpleName() + " or " + ArgoRolloutsSchema.class.getSimpleName());
        }
        // Argo's schema takes a metric's Job as it comes; the Kubernetes schema checks it as a Job spec.
        List<String> problems = new ArrayList<>(KubernetesSchema.OBJECT_META.problems(document.get("metadata")));
        List<?> metrics = (List<?>) ((Map<?, ?>) document.get("spec")).get("metrics");
        for (int i = 0; i < metrics.size(); i++) {
            Map<?, ?> provider = (Map<?, ?>) ((Map<?, ?>) metrics.get(i)).get("provider");
            if (provider.get("job") instanceof Map<?, ?> job) {
                String at = "/spec/metrics/" + i + "/provider/job/spec: ";
                KubernetesSchema.JOB_SPEC.problems(job.get("spec")).forEach(p -> problems.add(at + p));
            }
        }
        return problems;
    }

    /** What the Argo Rollouts schema finds in an Argo Rollouts object (nothing to check in others). */
    private static List<String> argoProblems(Map<?, ?> document) {
        if (!ArgoRolloutsSchema.knows(document.get("apiVersion"), document.get("kind"))) {
            return List.of();
        }
        try {
            return ArgoRolloutsSchema.problems(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<?, ?> withMetric(Map<?, ?> template, String key, Object value) {
        return with(template, key, value, "spec", "metrics", "0");
    }

    /** The YAML manifests of the repository by path, each as its documents that have an apiVersion and a kind. */
    private static Map<String, List<Map<?, ?>>> manifests() throws IOException {
        Map<String, List<Map<?, ?>>> manifests = new LinkedHashMap<>();
        Path root = Path.of("").toAbsolutePath();
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return NOT_SOURCES.contains(dir.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (file.getFileName().toString().matches(".*\\.ya?ml")) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        for (Path file : files.stream().sorted().toList()) {
            List<Map<?, ?>> documents = new ArrayList<>();
            for (Object document : new Yaml().loadAll(Files.readString(file))) {
                if (document instanceof Map<?, ?> map && map.containsKey("apiVersion") && map.containsKey("kind")) {
                    documents.add(map);
                }
            }
            if (!documents.isEmpty()) {
                manifests.put(root.relativize(file).toString().replace('\\', '/'), documents);
            }
        }
        return manifests;
    }

    private static Map<?, ?> document(String file, String kind) throws IOException {
        return manifests().get(file).stream().filter(d -> kind.equals(d.get("kind"))).findFirst().orElseThrow();
    }

    /**
     * A deep copy of {@code document} with {@code key} set to {@code value} (null: removed) in the map at {@code path}
     * (map keys, and list indexes as numbers).
     */
    @SuppressWarnings("unchecked")
    private static Map<?, ?> with(Map<?, ?> document, String key, Object value, String... path) {
        Yaml yaml = new Yaml();
        Map<String, Object> copy = yaml.load(yaml.dump(document));
        Object node = copy;
        for (String step : path) {
            node = node instanceof List<?> list ? list.get(Integer.parseInt(step)) : ((Map<?, ?>) node).get(step);
        }
        Map<String, Object> at = (Map<String, Object>) node;
        if (value == null) {
            at.remove(key);
        } else {
            at.put(key, value);
        }
        return copy;
    }
}
