package io.driftwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The jar carries configuration metadata for every driftwatch.* key (IDE completion, docs): the
 * configuration processor writes it from the properties classes' Javadoc and defaults at compile time.
 */
class ConfigurationMetadataTest {

    @Test
    void everyDriftwatchKeyHasADescriptionAndTheDefaultsAreTheCodesDefaults() throws Exception {
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("META-INF/spring-configuration-metadata.json in the built classes").isNotNull();
            JsonMapper.builder().build().readTree(in).path("properties")
                    .forEach(p -> properties.put(p.path("name").asString(), p));
        }

        assertThat(properties.keySet()).contains("driftwatch.zone", "driftwatch.partition-threads", "driftwatch.recover-after",
                "driftwatch.monitors", "driftwatch.launch.enabled", "driftwatch.alerts.webhook.url",
                "driftwatch.canary.min-accuracy", "driftwatch.metrics.per-feature");
        assertThat(properties.values()).filteredOn(p -> p.path("name").asString().startsWith("driftwatch."))
                .allSatisfy(p -> assertThat(p.path("description").asString("")).as(p.path("name").asString()).isNotBlank());
        assertThat(properties.get("driftwatch.zone").path("defaultValue").asString()).isEqualTo("UTC");
        assertThat(properties.get("driftwatch.partition-threads").path("defaultValue").asInt()).isEqualTo(2);
        assertThat(properties.get("driftwatch.recover-after").path("defaultValue").asString()).isEqualTo("4h");
        assertThat(properties.get("driftwatch.canary.min-accuracy").path("defaultValue").asDouble()).isEqualTo(0.8);
        assertThat(properties.get("driftwatch.recover-after").path("type").asString()).isEqualTo("java.time.Duration");
    }
}
