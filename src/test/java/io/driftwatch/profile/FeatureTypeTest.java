package io.driftwatch.profile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FeatureTypeTest {

    @Test
    void parsesConfigSpellingIgnoringCaseAndBlanks() {
        assertThat(FeatureType.parse("numeric")).isEqualTo(FeatureType.NUMERIC);
        assertThat(FeatureType.parse(" Categorical ")).isEqualTo(FeatureType.CATEGORICAL);
        assertThat(FeatureType.parse("NUMERIC")).isEqualTo(FeatureType.NUMERIC);
        assertThat(FeatureType.CATEGORICAL.configName()).isEqualTo("categorical");
    }

    @Test
    void rejectsUnknownTypesNamingTheAllowedValues() {
        assertThatIllegalArgumentException().isThrownBy(() -> FeatureType.parse("text"))
                .withMessageContaining("[numeric, categorical]").withMessageContaining("'text'");
        assertThatIllegalArgumentException().isThrownBy(() -> FeatureType.parse(null))
                .withMessageContaining("null");
    }
}
