package io.driftwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.driftwatch.drift.Binning;
import io.driftwatch.drift.DriftMethods;
import io.driftwatch.drift.MethodSelection;
import io.driftwatch.drift.MultipleTesting;
import io.driftwatch.drift.Smoothing;
import io.driftwatch.drift.ThresholdKind;
import io.driftwatch.profile.FeatureType;

class MonitorValidatorTest {

    private final MonitorValidator validator = new MonitorValidator(DriftMethods.standard());

    @Test
    void acceptsTheDocumentedExampleWithItsDefaults() {
        List<Monitor> monitors = validator.validate(properties(m -> { }));

        Monitor loans = monitors.get(0);
        assertThat(loans.name()).isEqualTo("loans");
        assertThat(loans.window()).isEqualTo(Duration.ofDays(1));
        assertThat(loans.baseline().isTimeRange()).isTrue();
        assertThat(loans.baseline().from()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(loans.feature("income").type()).isEqualTo(FeatureType.NUMERIC);
        // no method lists: our default selection picks methods per feature at run time, corrected with BH
        assertThat(loans.feature("income").methods()).isEmpty();
        assertThat(loans.methods().selection()).isEqualTo(MethodSelection.Mode.DEFAULT);
        assertThat(loans.methods().correction()).isEqualTo(MultipleTesting.Correction.BENJAMINI_HOCHBERG);
        assertThat(loans.methods().driftShare()).isEqualTo(0.5);
        assertThat(loans.retraining()).isEqualTo(Monitor.RetrainingPolicy.REFERENCE_DEFAULTS);
        assertThat(loans.performanceTable().toString()).isEqualTo("model_performance");
    }

    @Test
    void aBaselineWithoutRangeIsTheWholeTableOfTheSourceByDefault() {
        Monitor m = validator.validate(properties(p -> {
            p.getBaseline().setTable(null);
            p.getBaseline().setFrom(null);
            p.getBaseline().setTo(null);
        })).get(0);

        assertThat(m.baseline().isTimeRange()).isFalse();
        assertThat(m.baseline().relation()).isEqualTo(m.source());
    }

    @Test
    void perMonitorThresholdsAndMethodListsOverrideTheDefaults() {
        Monitor m = validator.validate(properties(p -> {
            p.setMethods(Map.of("numeric", List.of("kl", "ks"), "categorical", List.of("psi", "kl")));
            p.setThresholds(Map.of("kl", "0.05", "ks", "0.01"));
            p.setWarnThresholds(Map.of("psi", "0.05"));
            p.setBinning("sturges");
            p.setSmoothing("laplace");
        })).get(0);

        assertThat(m.feature("income").methods()).extracting(Monitor.MethodSpec::name).containsExactly("kl", "ks");
        assertThat(m.feature("income").methods()).extracting(Monitor.MethodSpec::threshold).containsExactly(0.05, 0.01);
        assertThat(m.feature("income").methods().get(0).settings().binning()).isEqualTo(Binning.sturges());
        assertThat(m.feature("income").methods().get(0).settings().smoothing()).isEqualTo(Smoothing.LAPLACE);
        assertThat(m.feature("income").methods().get(1).settings().thresholdKind()).isEqualTo(ThresholdKind.P_VALUE_BELOW);
        assertThat(m.feature("region").methods()).extracting(Monitor.MethodSpec::name).containsExactly("psi", "kl");
        assertThat(m.feature("region").methods().get(0).settings().warnThreshold()).isEqualTo(0.05);
        assertThat(m.feature("region").methods().get(0).threshold()).isEqualTo(0.1);
    }

    @Test
    void evidentlySelectionDefaultsToNoCorrectionAndFeatureEdgesBecomeItsBinning() {
        Monitor m = validator.validate(properties(p -> {
            p.setSelection("evidently");
            p.getFeatures().get(0).setEdges(List.of("20000", "50000", "90000"));
            p.setMethods(Map.of("numeric", List.of("psi")));
        })).get(0);

        assertThat(m.methods().selection()).isEqualTo(MethodSelection.Mode.EVIDENTLY);
        assertThat(m.methods().correction()).isEqualTo(MultipleTesting.Correction.NONE);
        assertThat(m.feature("income").methods().get(0).settings().binning()).isEqualTo(Binning.edges(List.of(20000.0, 50000.0, 90000.0)));
        assertThat(m.feature("region").methods()).isEmpty();
    }

    @Test
    void methodOptionsAreCheckedWithTheFix() {
        assertProblem(p -> p.setThresholds(Map.of("ks", "1.5")), "driftwatch.monitors[0].thresholds.ks", "'1.5'",
                "significance level in (0, 1]");
        assertProblem(p -> p.setWarnThresholds(Map.of("psi", "0.3")), "driftwatch.monitors[0].warn-thresholds.psi",
                "warn threshold sits before the alert threshold");
        assertProblem(p -> p.setBinning("deciles-please"), "driftwatch.monitors[0].binning", "'deciles-please'", "sturges");
        assertProblem(p -> p.setSmoothing("magic"), "driftwatch.monitors[0].smoothing", "laplace");
        assertProblem(p -> p.setSelection("auto"), "driftwatch.monitors[0].selection", "evidently");
        assertProblem(p -> p.setCorrection("holm"), "driftwatch.monitors[0].correction", "bonferroni");
        assertProblem(p -> p.setDriftShare("1.5"), "driftwatch.monitors[0].drift-share", "(0, 1]");
        assertProblem(p -> p.getFeatures().get(0).setEdges(List.of("5", "3")), "driftwatch.monitors[0].features[0].edges",
                "strictly ascending");
        assertProblem(p -> p.getFeatures().get(1).setEdges(List.of("1")), "driftwatch.monitors[0].features[1].edges",
                "numeric features only");
    }

    @Test
    void aBadDurationNamesMonitorKeyValueAndFix() {
        assertProblem(p -> p.setWindow("P1X"), "monitor 'loans'", "driftwatch.monitors[0].window", "'P1X'",
                "not a positive ISO-8601 duration", "P1D");
        assertProblem(p -> p.setWindow("P1W"), "driftwatch.monitors[0].window", "'P1W'", "P7D");
        assertProblem(p -> p.setWindow("-P1D"), "driftwatch.monitors[0].window", "'-P1D'");
    }

    @Test
    void badThresholdsAreRejectedWithTheRule() {
        assertProblem(p -> p.setThresholds(Map.of("psi", "-0.1")), "driftwatch.monitors[0].thresholds.psi", "'-0.1'",
                "positive finite number");
        assertProblem(p -> p.setThresholds(Map.of("psi", "abc")), "driftwatch.monitors[0].thresholds.psi", "'abc'");
        assertProblem(p -> p.setThresholds(Map.of("psy", "0.2")), "driftwatch.monitors[0].thresholds.psy",
                "no drift method is called psy", "use one of");
        assertProblem(p -> p.getRetraining().setAccuracyFloor("1.7"), "driftwatch.monitors[0].retraining.accuracy-floor",
                "'1.7'", "[0, 1]", "accuracy-floor: 0.78");
        assertProblem(p -> p.getRetraining().setLatencyCeiling("0"), "driftwatch.monitors[0].retraining.latency-ceiling",
                "'0'", "positive number of seconds");
    }

    @Test
    void tableAndColumnNamesMustBePlainIdentifiers() {
        assertProblem(p -> p.getSource().setTable("loans; DROP TABLE drift_run"), "driftwatch.monitors[0].source.table",
                "not a plain SQL identifier");
        assertProblem(p -> p.getSource().setTimestampColumn("scored at"), "driftwatch.monitors[0].source.timestamp-column",
                "'scored at'");
        assertProblem(p -> p.getFeatures().get(0).setColumn("x\"y"), "driftwatch.monitors[0].features[0].column");
        assertProblem(p -> p.getSource().setTable(null), "driftwatch.monitors[0].source.table", "(not set)", "required");
    }

    @Test
    void aColumnNameWithSpacesIsRefusedWithTheQueryThatRenamesIt() {
        assertProblem(p -> p.getFeatures().get(0).setColumn("loan amount"), "driftwatch.monitors[0].features[0].column",
                "'loan amount'", "not a plain SQL identifier", "source.query: SELECT \"loan amount\" AS loan_amount");
    }

    @Test
    void modelAndFeatureNamesLongerThanTheirColumnsAreRefusedBeforeAnythingIsWritten() {
        assertProblem(p -> p.setModel("m".repeat(201)), "driftwatch.monitors[0].model", "at most 200 characters",
                "not 201");
        assertProblem(p -> p.getFeatures().get(0).setName("f".repeat(201)), "driftwatch.monitors[0].features[0].name",
                "at most 200 characters", "features[].column");
        assertThat(validator.validate(properties(p -> {
            p.setModel("m".repeat(200));
            p.getFeatures().get(0).setColumn(p.getFeatures().get(0).getName());
            p.getFeatures().get(0).setName("\uD83D\uDE00 " + "f".repeat(197));
        }))).hasSize(1);
    }

    @Test
    void featureTypesAndMethodsAreChecked() {
        assertProblem(p -> p.getFeatures().get(0).setType("float"), "driftwatch.monitors[0].features[0].type", "'float'",
                "numeric or type: categorical");
        assertProblem(p -> p.setMethods(Map.of("categorical", List.of("mean_shift"))), "driftwatch.monitors[0].methods.categorical",
                "'mean_shift'", "does not apply to categorical");
        assertProblem(p -> p.setMethods(Map.of("numeric", List.of("wasserstein_magic"))),
                "no drift method is called wasserstein_magic");
        assertProblem(p -> p.getFeatures().clear(), "driftwatch.monitors[0].features", "no features are configured");
    }

    @Test
    void baselineRangesMustBeCompleteAndOrdered() {
        assertProblem(p -> p.getBaseline().setTo(null), "driftwatch.monitors[0].baseline.to", "needs both from and to");
        assertProblem(p -> p.getBaseline().setFrom("2026-13-01"), "driftwatch.monitors[0].baseline.from", "'2026-13-01'",
                "2026-01-01T00:00:00Z");
        assertProblem(p -> p.getBaseline().setTo("2025-12-01T00:00:00Z"), "driftwatch.monitors[0].baseline.to",
                "to is not after from");
    }

    @Test
    void reportsEveryProblemAtOnceAndDuplicateNames() {
        DriftwatchProperties properties = properties(p -> {
            p.setWindow("soon");
            p.getRetraining().setAccuracyFloor("2");
        });
        properties.getMonitors().add(properties(p -> { }).getMonitors().get(0));

        assertThatThrownBy(() -> validator.validate(properties))
                .isInstanceOf(MonitorConfigurationException.class)
                .satisfies(e -> assertThat(((MonitorConfigurationException) e).problems()).hasSize(3))
                .hasMessageContaining("3 problems")
                .hasMessageContaining("nothing was written")
                .hasMessageContaining("driftwatch.monitors[1].name = 'loans': the name is used by another monitor");
    }

    @Test
    void aBadZoneIsNamed() {
        DriftwatchProperties properties = properties(p -> { });
        properties.setZone("Mars/Olympus");

        assertThatThrownBy(() -> validator.validate(properties)).hasMessageContaining("driftwatch.zone = 'Mars/Olympus'")
                .hasMessageContaining("Europe/Berlin");
    }

    @Test
    void configurationErrorsExitWithCodeTwo() {
        assertThatThrownBy(() -> validator.validate(properties(p -> p.setWindow("x"))))
                .isInstanceOfSatisfying(MonitorConfigurationException.class, e -> assertThat(e.getExitCode()).isEqualTo(2));
    }

    private void assertProblem(Consumer<DriftwatchProperties.MonitorProperties> change, String... fragments) {
        assertThatThrownBy(() -> validator.validate(properties(change)))
                .isInstanceOf(MonitorConfigurationException.class)
                .satisfies(e -> {
                    for (String fragment : fragments) {
                        assertThat(e.getMessage()).contains(fragment);
                    }
                });
    }

    /** The README's example monitor, changed by {@code change}. */
    static DriftwatchProperties properties(Consumer<DriftwatchProperties.MonitorProperties> change) {
        DriftwatchProperties.MonitorProperties m = new DriftwatchProperties.MonitorProperties();
        m.setName("loans");
        m.setModel("credit-risk");
        m.getSource().setTable("loan_features");
        m.getSource().setTimestampColumn("scored_at");
        m.getBaseline().setTable("loan_features");
        m.getBaseline().setFrom("2026-01-01T00:00:00Z");
        m.getBaseline().setTo("2026-02-01T00:00:00Z");
        m.setWindow("P1D");
        m.getFeatures().add(feature("income", "numeric"));
        m.getFeatures().add(feature("region", "categorical"));
        change.accept(m);
        DriftwatchProperties properties = new DriftwatchProperties();
        properties.getMonitors().add(m);
        return properties;
    }

    private static DriftwatchProperties.FeatureProperties feature(String name, String type) {
        DriftwatchProperties.FeatureProperties f = new DriftwatchProperties.FeatureProperties();
        f.setName(name);
        f.setType(type);
        return f;
    }
}
