package io.driftwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.DriftwatchApplication;
import io.driftwatch.ExitCodes;
import io.driftwatch.cli.DriftCommand;
import io.driftwatch.support.LoanNights;

/**
 * The same night profiled as one time slice and as four (the partitioned profile step, merged by the drift
 * step) writes the same rows: every score, p-value and detail, and the same decision and reason.
 */
class ProfileSlicesJobTest {

    private static final LocalDate RUN_DATE = LocalDate.of(2026, 3, 2);

    @Test
    void oneSliceAndFourSlicesGiveIdenticalRows() {
        Map<String, Object> four = night(4);
        Map<String, Object> one = night(1);

        assertThat(four.remove("slices")).isEqualTo(4L);
        assertThat(one.remove("slices")).isEqualTo(1L);
        assertThat(four).isEqualTo(one);
    }

    private static Map<String, Object> night(int slices) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DriftwatchApplication.class)
                .profiles("jobtest")
                // arguments, not default properties: they must win over the jobtest profile's datasource
                .run("--driftwatch.profile-slices=" + slices, "--driftwatch.partition-threads=2",
                        "--driftwatch.launch.enabled=false", "--spring.datasource.url=jdbc:h2:mem:slices" + slices
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            LoanNights nights = new LoanNights(jdbc, 20_000, 1);
            nights.window(RUN_DATE, Set.of("income", "region", "debt_ratio"), 2);

            assertThat(context.getBean(DriftCommand.class).launch(RUN_DATE).exitCode()).isEqualTo(ExitCodes.COMPLETED);

            Map<String, Object> rows = new LinkedHashMap<>();
            rows.put("slices", jdbc.queryForObject("SELECT COUNT(DISTINCT slice) FROM window_profile WHERE side = 'current'",
                    Long.class));
            List<Map<String, Object>> reports = jdbc.queryForList("""
                    SELECT feature, method, status, score, p_value, p_value_adjusted, drifted, severity, current_count,
                           current_missing, current_mean, current_std, CAST(details AS VARCHAR) AS details
                    FROM drift_report ORDER BY feature, method""");
            rows.put("drift_report", reports);
            rows.put("drift_run", jdbc.queryForList("""
                    SELECT status, current_rows, features_drifted, drift_share, dataset_drift, retraining_decision,
                           retraining_reason FROM drift_run"""));
            rows.put("retraining_task", jdbc.queryForList("SELECT reason, CAST(evidence AS VARCHAR) AS evidence"
                    + " FROM retraining_task"));
            assertThat(reports).hasSize(16);
            return rows;
        }
    }
}
