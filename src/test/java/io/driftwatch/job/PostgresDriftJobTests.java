package io.driftwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.driftwatch.ExitCodes;
import io.driftwatch.support.PostgresSchema;
import io.driftwatch.support.RequiresPostgres;

/** driftJob on real PostgreSQL, in a schema of its own; plus the SQL shipped for users. */
@RequiresPostgres
class PostgresDriftJobTests extends AbstractDriftJobTests {

    private static final PostgresSchema SCHEMA = new PostgresSchema("dw_jobtest");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
    }

    @AfterAll
    static void dropSchema() {
        SCHEMA.drop();
    }

    @Test
    void theShippedHistoryQueriesRunAgainstTheReportTables() throws IOException {
        LocalDate runDate = LocalDate.of(2026, 3, 2);
        if (jdbc.queryForObject("SELECT COUNT(*) FROM drift_run WHERE run_date = ?", Long.class, runDate) == 0) {
            givenWindow(runDate, Set.of("income", "age", "region"), 2);
            givenPerformance(runDate, 0.91, 0.2);
            assertThat(launcher.launch(runDate).exitCode()).isEqualTo(ExitCodes.COMPLETED);
        }

        List<String> statements = statements(Path.of("sql/queries/drift_history.sql"));

        assertThat(statements).hasSize(7);
        List<List<Map<String, Object>>> results = new ArrayList<>();
        statements.forEach(sql -> results.add(jdbc.queryForList(sql)));
        assertThat(results.get(0)).isNotEmpty().allSatisfy(row -> assertThat(row).containsKeys("run_date", "score"));
        assertThat(results.get(4)).hasSize(10); // the ten decile bins of income's PSI on 2026-03-02
        assertThat(results.get(5)).isEmpty(); // no monitor of this suite has segments
    }

    @Test
    void twoProcessesStartingTheSameDateAtTheSameInstantGiveOneRunAndExitFourOrThreeToTheOther() throws Exception {
        List<String> pairs = new ArrayList<>();
        for (int day = 20; day < 26; day++) {
            LocalDate runDate = LocalDate.of(2026, 3, day);
            givenWindow(runDate, Set.of("age"), day);
            givenPerformance(runDate, 0.91, 0.2);
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.ExecutorService twoProcesses = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                List<java.util.concurrent.Future<ExitCodes>> exits = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    exits.add(twoProcesses.submit(() -> {
                        together.await();
                        return launcher.launch(runDate).exitCode();
                    }));
                }
                List<ExitCodes> codes = new ArrayList<>();
                for (var exit : exits) {
                    codes.add(exit.get());
                }
                pairs.add(runDate + " " + codes);
                assertThat(codes).as(runDate.toString()).containsOnlyOnce(ExitCodes.COMPLETED)
                        .containsAnyOf(ExitCodes.ALREADY_RUNNING, ExitCodes.ALREADY_COMPLETE);
            } finally {
                twoProcesses.shutdownNow();
            }
            assertThat(reportRows(runDate)).isEqualTo(REPORT_ROWS_PER_RUN);
            assertThat(tasks(runDate)).hasSizeLessThanOrEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM drift_run WHERE run_date = ? AND status = 'COMPLETED'",
                    Long.class, runDate)).isEqualTo(1);
        }
        System.out.println("[races] concurrent starts: " + pairs);
    }

    private static List<String> statements(Path file) throws IOException {
        String withoutComments = Files.readAllLines(file).stream().filter(l -> !l.trim().startsWith("--"))
                .collect(Collectors.joining("\n"));
        return Arrays.stream(withoutComments.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
