package io.driftwatch.job;

import io.driftwatch.cli.DriftCommand;
import io.driftwatch.cli.Outcome;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.ExitCodes;
import io.driftwatch.demo.SyntheticDriftGenerator;
import io.driftwatch.drift.DriftMethod;
import io.driftwatch.drift.DriftResult;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.FeatureType;
import io.driftwatch.profile.NumericProfile;

/** A user's own drift method, declared as a Spring bean, is configurable by name and reported like the built-ins. */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:custommethod;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
        "driftwatch.launch.enabled=false",
        "driftwatch.monitors[0].name=loans", "driftwatch.monitors[0].model=credit-risk",
        "driftwatch.monitors[0].source.table=loan_features", "driftwatch.monitors[0].source.timestamp-column=scored_at",
        "driftwatch.monitors[0].baseline.from=2026-01-01T00:00:00Z", "driftwatch.monitors[0].baseline.to=2026-02-01T00:00:00Z",
        "driftwatch.monitors[0].features[0].name=income", "driftwatch.monitors[0].features[0].type=numeric",
        "driftwatch.monitors[0].methods.numeric[0]=median_ratio", "driftwatch.monitors[0].methods.numeric[1]=psi",
        "driftwatch.monitors[0].thresholds.median_ratio=0.15"})
@Import(CustomDriftMethodTest.MedianRatio.class)
class CustomDriftMethodTest {

    /** |median_current / median_baseline - 1|: a business rule a team might add. */
    @TestConfiguration(proxyBeanMethods = false)
    static class MedianRatio {
        @Bean
        DriftMethod medianRatio() {
            return new DriftMethod() {
                @Override
                public String name() {
                    return "median_ratio";
                }

                @Override
                public boolean supports(FeatureType type) {
                    return type == FeatureType.NUMERIC;
                }

                @Override
                public double defaultThreshold() {
                    return 0.1;
                }

                @Override
                public DriftResult compute(FeatureProfile baseline, FeatureProfile current, double threshold) {
                    double score = Math.abs(((NumericProfile) current).quantile(0.5) / ((NumericProfile) baseline).quantile(0.5) - 1);
                    return DriftResult.ok(name(), "median_ratio:abs", score, threshold, score >= threshold, Map.of());
                }
            };
        }
    }

    @Autowired DriftCommand launcher;
    @Autowired JdbcTemplate jdbc;

    @Test
    void aMethodBeanIsConfiguredByNameAndReported() {
        SyntheticDriftGenerator generator = new SyntheticDriftGenerator(jdbc);
        generator.createTable("loan_features");
        generator.insert("loan_features", Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"),
                3_000, Set.of(), 1);
        LocalDate night = LocalDate.of(2026, 3, 2);
        generator.insert("loan_features", night.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                night.atStartOfDay(ZoneOffset.UTC).toInstant(), 3_000, Set.of("income"), 2);

        assertThat(launcher.launch(night).exitCode()).isEqualTo(ExitCodes.COMPLETED);

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM drift_report WHERE method = 'median_ratio'");
        // income's log-mean moved by 0.3: the median by e^0.3 - 1 = 0.35
        assertThat(((Number) row.get("score")).doubleValue()).isBetween(0.25, 0.45);
        assertThat(row.get("threshold")).isEqualTo(0.15);
        assertThat(row.get("drifted")).isEqualTo(true);
        assertThat(row.get("convention")).isEqualTo("median_ratio:abs");
    }
}
