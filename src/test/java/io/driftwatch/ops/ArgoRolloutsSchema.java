package io.driftwatch.ops;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * An Argo Rollouts AnalysisTemplate checked against the schema of Argo Rollouts' API types, as the npm package
 * {@code @kubernetes-models/argo-rollouts} publishes it (compiled into validators; no Maven artifact carries an
 * Argo Rollouts schema). {@code src/test/argo} pins it with a lockfile; the first check installs it with
 * {@code npm ci} into {@code target/argo-rollouts-schema}, and {@code validate.mjs} there runs it under node,
 * also reporting the fields the schema does not define.
 */
final class ArgoRolloutsSchema {

    private static final Path SOURCE = Path.of("src/test/argo");
    private static final Path INSTALLED = Path.of("target/argo-rollouts-schema");
    private static final String INSTALL = "Node.js and npm (Debian: apt-get install nodejs npm)";
    private static final Gson GSON = new Gson();

    private ArgoRolloutsSchema() {
    }

    static boolean knows(Object apiVersion, Object kind) {
        return "argoproj.io/v1alpha1".equals(apiVersion) && "AnalysisTemplate".equals(kind);
    }

    /** The problems of one AnalysisTemplate; empty when it is valid. */
    static List<String> problems(Map<?, ?> document) throws IOException, InterruptedException {
        ExternalTool node = ExternalTool.require("node", INSTALL);
        install();
        Path input = Files.createTempFile(INSTALLED.toAbsolutePath(), "analysis-template", ".json");
        try {
            Files.writeString(input, GSON.toJson(document));
            ExternalTool.Result result = node.run(INSTALLED, "validate.mjs", input.toAbsolutePath().toString());
            String report = Arrays.stream(result.output().split("\n")).filter(line -> line.startsWith("{\"errors\""))
                    .reduce((first, last) -> last).orElse(null);
            if (result.exitCode() != 0 || report == null) {
                fail("validate.mjs exited " + result.exitCode() + ":\n" + result.output());
            }
            JsonObject json = GSON.fromJson(report, JsonObject.class);
            List<String> problems = new ArrayList<>();
            for (JsonElement error : json.getAsJsonArray("errors")) {
                JsonObject e = error.getAsJsonObject();
                problems.add(e.get("instancePath").getAsString() + ": " + e.get("message").getAsString());
            }
            for (JsonElement field : json.getAsJsonArray("unknown")) {
                problems.add(field.getAsString() + ": not a field of the AnalysisTemplate schema");
            }
            return problems.stream().distinct().toList();
        } finally {
            Files.deleteIfExists(input);
        }
    }

    /** Installs the pinned package unless the installed lockfile is the committed one. */
    private static synchronized void install() throws IOException, InterruptedException {
        Path lock = SOURCE.resolve("package-lock.json");
        Path installedLock = INSTALLED.resolve("package-lock.json");
        Files.createDirectories(INSTALLED);
        Files.copy(SOURCE.resolve("validate.mjs"), INSTALLED.resolve("validate.mjs"), StandardCopyOption.REPLACE_EXISTING);
        if (Files.exists(installedLock) && Files.mismatch(lock, installedLock) == -1
                && Files.isDirectory(INSTALLED.resolve("node_modules/@kubernetes-models/argo-rollouts"))) {
            return;
        }
        ExternalTool npm = ExternalTool.require("npm", INSTALL);
        Files.copy(SOURCE.resolve("package.json"), INSTALLED.resolve("package.json"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(lock, installedLock, StandardCopyOption.REPLACE_EXISTING);
        ExternalTool.Result result = npm.run(INSTALLED, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline",
                "--loglevel=error");
        if (result.exitCode() != 0) {
            Files.deleteIfExists(installedLock);
            fail("npm ci of " + SOURCE + " exited " + result.exitCode() + ":\n" + result.output());
        }
    }
}
