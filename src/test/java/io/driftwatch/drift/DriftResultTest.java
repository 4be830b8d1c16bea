package io.driftwatch.drift;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DriftResultTest {

    @Test
    void deepCopiesDetailsIntoUnmodifiableOrderedCollections() {
        // given
        List<Object> bins = new ArrayList<>(List.of(Map.of("label", "a")));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("z", 1L);
        details.put("a", bins);

        // when
        DriftResult result = DriftResult.ok("psi", "psi:x", 0.5, 0.1, true, details);
        bins.add("late");
        details.put("late", true);

        // then
        assertThat(result.details()).containsOnlyKeys("z", "a");
        assertThat(result.details().keySet()).containsExactly("z", "a");
        assertThat((List<?>) result.details().get("a")).hasSize(1);
        assertThatThrownBy(() -> result.details().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<Object>) result.details().get("a")).add(1))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsDetailsThatAreNotJsonFriendly() {
        Map<String, Object> nestedNaN = Map.of("bins", List.of(Map.of("share", Double.NaN)));
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("x", null);

        assertThatIllegalArgumentException().isThrownBy(() -> DriftResult.ok("psi", "c", 1, 0.1, true, nestedNaN))
                .withMessage("details.bins[0].share must be a finite number but was NaN");
        assertThatIllegalArgumentException().isThrownBy(
                        () -> DriftResult.ok("psi", "c", 1, 0.1, true, Map.of("when", new Object())))
                .withMessageContaining("details.when must be a String, finite Number, Boolean, List or Map");
        assertThatIllegalArgumentException().isThrownBy(() -> DriftResult.ok("psi", "c", 1, 0.1, true, withNull))
                .withMessageContaining("null");
        assertThatIllegalArgumentException().isThrownBy(
                () -> DriftResult.ok("psi", "c", 1, 0.1, true, Map.of("inf", Float.POSITIVE_INFINITY)));
    }

    @Test
    void keepsStatusScoreAndDriftedConsistent() {
        assertThatIllegalArgumentException().isThrownBy(
                        () -> new DriftResult("psi", "c", DriftStatus.OK, null, 0.1, null, false, Map.of()))
                .withMessageContaining("finite score");
        assertThatIllegalArgumentException().isThrownBy(
                        () -> new DriftResult("psi", "c", DriftStatus.UNDEFINED, 1.0, 0.1, null, true, Map.of()))
                .withMessageContaining("only OK results carry a score");
        assertThatIllegalArgumentException().isThrownBy(
                        () -> new DriftResult("psi", "c", DriftStatus.INSUFFICIENT_DATA, null, 0.1, null, true, null))
                .withMessageContaining("cannot be drifted");
        assertThatIllegalArgumentException().isThrownBy(() -> DriftResult.ok("psi", "c", 1, Double.NaN, true, null))
                .withMessageContaining("threshold");
        assertThatIllegalArgumentException().isThrownBy(() -> DriftResult.ok("psi", "c", 1, 0.1, 1.5, true, null))
                .withMessageContaining("p-value").withMessageContaining("1.5");
        assertThatIllegalArgumentException().isThrownBy(() -> DriftResult.ok(" ", "c", 1, 0.1, true, null))
                .withMessageContaining("method");
    }

    @Test
    void factoriesPutTheReasonFirstInDetails() {
        DriftResult insufficient = DriftResult.insufficientData("psi", "c", 0.1, "baseline window is empty");
        DriftResult undefined = DriftResult.undefined("mean_shift", "c", 0.2, true, "constant baseline",
                Map.of("baseline_count", 3L));

        assertThat(insufficient.status()).isEqualTo(DriftStatus.INSUFFICIENT_DATA);
        assertThat(insufficient.score()).isNull();
        assertThat(insufficient.drifted()).isFalse();
        assertThat(insufficient.details()).containsExactly(Map.entry("reason", "baseline window is empty"));
        assertThat(undefined.drifted()).isTrue();
        assertThat(undefined.details().keySet()).containsExactly("reason", "baseline_count");
        assertThat(undefined.pValue()).isNull();
    }

    @Test
    void derivesSeverityFromDriftedAndRejectsContradictions() {
        DriftResult alert = DriftResult.ok("psi", "c", 0.3, 0.1, true, null);
        DriftResult quiet = DriftResult.ok("psi", "c", 0.05, 0.1, false, null);

        assertThat(alert.severity()).isEqualTo(Severity.ALERT);
        assertThat(quiet.severity()).isEqualTo(Severity.NONE);
        assertThat(quiet.withSeverity(Severity.WARN).severity()).isEqualTo(Severity.WARN);
        assertThatIllegalArgumentException().isThrownBy(() -> quiet.withSeverity(Severity.ALERT))
                .withMessage("severity must be ALERT exactly when drifted, but was ALERT with drifted=false");
        assertThatIllegalArgumentException().isThrownBy(
                        () -> DriftResult.insufficientData("psi", "c", 0.1, "empty").withSeverity(Severity.WARN))
                .withMessage("only OK results can warn, but a INSUFFICIENT_DATA result had WARN");
    }

    @Test
    void unsupportedResultsAreNeverDriftedAndUndefinedOnesMayCarryAPValue() {
        DriftResult unsupported = DriftResult.unsupported("ks", "c", 0.05, "sketch", Map.of("exact", false));
        DriftResult infinite = DriftResult.undefined("chisquare", "c", 0.05, 0.0, true, "unseen category", null);

        assertThat(unsupported.status()).isEqualTo(DriftStatus.UNSUPPORTED);
        assertThat(unsupported.drifted()).isFalse();
        assertThat(unsupported.details().keySet()).containsExactly("reason", "exact");
        assertThat(infinite.pValue()).isEqualTo(0.0);
        assertThat(infinite.severity()).isEqualTo(Severity.ALERT);
        assertThatIllegalArgumentException().isThrownBy(
                        () -> new DriftResult("ks", "c", DriftStatus.UNSUPPORTED, null, 0.05, null, true, null))
                .withMessageContaining("cannot be drifted");
    }
}
