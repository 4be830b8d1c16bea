package io.driftwatch.job;

import io.driftwatch.cli.DriftCommand;
import io.driftwatch.cli.Outcome;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import io.driftwatch.ExitCodes;
import io.driftwatch.demo.SyntheticDriftGenerator;
import io.driftwatch.drift.MultipleTesting;

/**
 * Method selection and multiple-testing correction in the nightly job, on a real database: the
 * same drifting window judged by our default selection, by Evidently's, and by explicit tests
 * corrected with Benjamini-Hochberg (see application-selectiontest.yaml).
 */
@SpringBootTest
@ActiveProfiles("selectiontest")
abstract class AbstractMethodSelectionJobTests {

    static final LocalDate NIGHT = LocalDate.of(2026, 5, 2);

    @Autowired DriftCommand launcher;
    @Autowired JdbcTemplate jdbc;

    @BeforeEach
    void oneDriftingNight() {
        SyntheticDriftGenerator generator = new SyntheticDriftGenerator(jdbc);
        generator.createTable("loan_features");
        if (jdbc.queryForObject("SELECT COUNT(*) FROM loan_features", Long.class) == 0) {
            generator.insert("loan_features", Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"),
                    5_000, Set.of(), 1);
            generator.insert("loan_features", NIGHT.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                    NIGHT.atStartOfDay(ZoneOffset.UTC).toInstant(), 5_000, Set.of("income", "region"), 2);
            assertThat(launcher.launch(NIGHT).exitCode()).isEqualTo(ExitCodes.COMPLETED);
        }
    }

    @Test
    void theDefaultSelectionFlagsOnlyTheShiftedFeaturesWithOneEffectsRowEachAndSaysWhatChanged() {
        assertThat(methods("auto", "income")).containsExactly("effects");
        assertThat(methods("auto", "region")).containsExactly("effects");
        assertThat(drifted("auto")).containsExactlyInAnyOrder("income", "region");
        assertThat(jdbc.queryForList("SELECT selected_because FROM drift_report WHERE monitor = 'auto' AND drifted",
                String.class)).allSatisfy(b -> assertThat(b).startsWith("effects selection:").contains("; fired: "));
        assertThat(jdbc.queryForList("SELECT explanation FROM drift_report WHERE monitor = 'auto' AND feature = 'income'",
                String.class)).singleElement().asString().startsWith("income: median ").contains(" σ); p");
        assertThat(jdbc.queryForList("SELECT explanation FROM drift_report WHERE monitor = 'auto' AND feature = 'region'",
                String.class)).singleElement().asString().startsWith("region: ").contains(" points)");
        assertThat(jdbc.queryForList("SELECT explanation FROM drift_report WHERE monitor = 'auto' AND NOT drifted",
                String.class)).containsOnlyNulls();
        assertThat(jdbc.queryForObject("SELECT snapshot FROM drift_run WHERE monitor = 'auto'", String.class))
                .containsPattern("\"explanation\":\\s*\"income: median ");
    }

    @Test
    void theEvidentlySelectionChoosesAsEvidentlyDoesForLargeReferences() {
        // reference > 1000 rows: normed Wasserstein for numeric features with many values, JS for categorical ones
        assertThat(methods("evidently", "income")).containsExactly("wasserstein_norm");
        assertThat(methods("evidently", "credit_score")).containsExactly("wasserstein_norm");
        assertThat(methods("evidently", "region")).containsExactly("js");
        assertThat(drifted("evidently")).containsExactlyInAnyOrder("income", "region");
        assertThat(jdbc.queryForObject("SELECT dataset_drift FROM drift_run WHERE monitor = 'evidently'", Boolean.class))
                .isFalse(); // 2 of 6 features < Evidently's 0.5 share
    }

    @Test
    void pValuesAreCorrectedAcrossTheMonitorsFeaturesAndVerdictsFollowTheAdjustedValues() {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT feature, method, p_value, p_value_adjusted, threshold,"
                + " drifted, severity, status FROM drift_report WHERE monitor = 'tests' AND status = 'OK' ORDER BY id");
        assertThat(rows).hasSize(4 * 2 + 2);
        double[] p = rows.stream().mapToDouble(r -> ((Number) r.get("p_value")).doubleValue()).toArray();
        double[] expected = MultipleTesting.benjaminiHochberg(p);
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> r = rows.get(i);
            double adjusted = ((Number) r.get("p_value_adjusted")).doubleValue();
            assertThat(adjusted).isCloseTo(expected[i], Offset.offset(1e-15)).isGreaterThanOrEqualTo(p[i]);
            boolean drifted = adjusted < ((Number) r.get("threshold")).doubleValue();
            assertThat(r.get("drifted")).as(r.toString()).isEqualTo(drifted);
            assertThat(r.get("severity")).isEqualTo(drifted ? "ALERT" : "ks".equals(r.get("method")) && adjusted < 0.2 ? "WARN" : "NONE");
        }
        assertThat(drifted("tests")).contains("income", "region");
    }

    private List<String> methods(String monitor, String feature) {
        return jdbc.queryForList("SELECT method FROM drift_report WHERE monitor = ? AND feature = ? ORDER BY method",
                String.class, monitor, feature);
    }

    private List<String> drifted(String monitor) {
        return jdbc.queryForList("SELECT DISTINCT feature FROM drift_report WHERE monitor = ? AND drifted", String.class,
                monitor);
    }
}
