package io.driftwatch.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The SQL shipped for pollers in any language is the SQL the Java client runs, and it is documented. */
class ShippedSqlTest {

    private static final Path SHIPPED = Path.of("sql/queries/queue");

    private static final List<String> FAIL_PLACEHOLDERS = List.of("retryable", "retryable", "retry_delay_seconds",
            "retryable", "error", "id", "lease_token", "retryable", "retryable", "retryable", "retry_delay_seconds",
            "retry_delay_seconds", "retry_delay_seconds");

    /** The protocol's statements and their placeholders, in binding order; a change here is a protocol change. */
    private static final Map<String, List<List<String>>> PROTOCOL = new TreeMap<>(Map.ofEntries(
            Map.entry("enqueue.postgresql.sql", List.of(List.of("model", "monitor", "run_id", "run_date", "reason",
                    "evidence", "priority", "dedupe_key", "max_attempts"))),
            Map.entry("enqueue.h2.sql", List.of(List.of("model", "monitor", "run_id", "run_date", "reason", "evidence",
                    "priority", "dedupe_key", "max_attempts"))),
            Map.entry("claim.postgresql.sql", List.of(List.of("limit", "limit", "limit", "worker", "worker", "worker",
                    "worker", "lease_seconds", "lease_seconds", "lease_seconds", "limit", "worker", "lease_seconds"))),
            Map.entry("claim.h2.sql", List.of(List.of("limit", "limit", "limit", "worker", "worker", "worker", "worker",
                    "lease_seconds", "lease_seconds", "lease_seconds", "limit"), List.of("worker", "lease_token",
                    "lease_seconds", "id"), List.of("id", "lease_token"))),
            Map.entry("heartbeat.sql", List.of(List.of("lease_seconds", "id", "lease_token", "lease_seconds",
                    "lease_seconds", "lease_seconds"))),
            Map.entry("complete.sql", List.of(List.of("id", "lease_token"))),
            Map.entry("fail.postgresql.sql", List.of(FAIL_PLACEHOLDERS)),
            Map.entry("fail.h2.sql", List.of(FAIL_PLACEHOLDERS)),
            Map.entry("release.sql", List.of(List.of("delay_seconds", "id", "lease_token", "delay_seconds",
                    "delay_seconds", "delay_seconds"))),
            Map.entry("reap_expired.sql", List.of(List.of())),
            Map.entry("reap_exhausted.sql", List.of(List.of())),
            Map.entry("task_state.sql", List.of(List.of("id"))),
            Map.entry("hold_for_approval.sql", List.of(List.of("id"))),
            Map.entry("approve.sql", List.of(List.of("id"))),
            Map.entry("cancel.sql", List.of(List.of("id"))),
            Map.entry("requeue.sql", List.of(List.of("id")))));

    @Test
    void namedPlaceholdersBecomeJdbcOnesInOrderAndCommentsAreDropped() {
        List<ShippedStatement> statements = ShippedSql.parse("x.sql", """
                -- a comment with %(ignored)s
                SELECT %(a)s, 'lit%%', %(b)s, %(a)s;
                  -- another
                UPDATE t SET c = %(c)s
                """);

        assertThat(statements).hasSize(2);
        assertThat(statements.get(0).sql()).isEqualTo("SELECT ?, 'lit%', ?, ?");
        assertThat(statements.get(0).parameters()).containsExactly("a", "b", "a");
        assertThat(statements.get(1).sql()).isEqualTo("UPDATE t SET c = ?");
        assertThatThrownBy(() -> statements.get(1).bind(Map.of("a", 1)))
                .hasMessage("x.sql needs a value for %(c)s; given [a]");
    }

    @Test
    void aBarePercentSignOrJdbcPlaceholderIsRejected() {
        assertThatThrownBy(() -> ShippedSql.parse("x.sql", "SELECT 5 % 2"))
                .hasMessageContaining("bare '%'").hasMessageContaining("write %% for a literal percent sign");
        assertThatThrownBy(() -> ShippedSql.parse("x.sql", "SELECT ?")).hasMessageContaining("literal '?'");
    }

    @Test
    void everyShippedFileIsOnTheClasspathUnchangedWithTheProtocolsPlaceholders() throws IOException {
        List<String> files = shippedFiles();

        assertThat(files).containsExactlyInAnyOrderElementsOf(PROTOCOL.keySet());
        for (String file : files) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(ShippedSql.CLASSPATH_DIRECTORY + "queue/" + file)) {
                assertThat(in).as(file + " on the classpath").isNotNull();
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(Files.readString(SHIPPED.resolve(file)));
            }
            assertThat(ShippedSql.load("queue/" + file)).as(file).extracting(ShippedStatement::parameters)
                    .containsExactlyElementsOf(PROTOCOL.get(file));
        }
    }

    @Test
    void theProtocolDocumentNamesEveryFileAndPlaceholder() throws IOException {
        String doc = Files.readString(Path.of("docs/queue-protocol.md"));

        for (String file : shippedFiles()) {
            assertThat(doc).as("docs/queue-protocol.md mentions " + file).contains(file);
            for (ShippedStatement statement : ShippedSql.load("queue/" + file)) {
                statement.parameters().forEach(p -> assertThat(doc).contains("%(" + p + ")s"));
            }
        }
    }

    @Test
    void everyPythonSnippetInTheDocsChecksTheUpdateCountOfItsFencedWrites() throws IOException {
        int fencedSnippets = 0;
        for (Path doc : List.of(Path.of("README.md"), Path.of("docs/queue-protocol.md"))) {
            Matcher block = Pattern.compile("```python\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(doc));
            while (block.find()) {
                String code = block.group(1);
                if (Pattern.compile("\\b(complete|heartbeat|fail|release)\\b[^\\n]*\\{\"id\"").matcher(code).find()) {
                    fencedSnippets++;
                    assertThat(code).as(doc + ": a fenced write's update count must be exactly 1 (the fencing rule)")
                            .contains("rowcount != 1");
                }
            }
        }
        assertThat(fencedSnippets).isPositive();
    }

    @Test
    void thePythonPollerRunsOnlyShippedFilesAndIsValidPython() throws Exception {
        Path poller = Path.of("examples/python/poller.py");
        String source = Files.readString(poller);
        Matcher m = Pattern.compile("\"([a-z_.0-9]+\\.sql)\"").matcher(source);
        int referenced = 0;
        while (m.find()) {
            assertThat(SHIPPED.resolve(m.group(1))).as("poller.py runs " + m.group(1)).isRegularFile();
            referenced++;
        }
        assertThat(referenced).isGreaterThanOrEqualTo(5);

        Process python;
        try {
            python = new ProcessBuilder("python3", "-c", "import ast, sys; ast.parse(open(sys.argv[1]).read())",
                    poller.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("python3 is not installed: " + e.getMessage());
            return;
        }
        assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as(new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();
    }

    private static List<String> shippedFiles() throws IOException {
        try (Stream<Path> files = Files.list(SHIPPED)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
        }
    }
}
