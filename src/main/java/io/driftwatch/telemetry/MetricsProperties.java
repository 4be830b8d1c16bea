package io.driftwatch.telemetry;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code driftwatch.metrics.*}: how many series a run may create. Per-feature meters carry a
 * {@code feature} tag; a fleet with hundreds of features per monitor must not turn one registry
 * (or one Pushgateway group) into tens of thousands of series.
 */
@ConfigurationProperties("driftwatch.metrics")
public class MetricsProperties {

    /** Per-feature meters (score and drifted flag by feature and method); false keeps only per-monitor meters. */
    private boolean perFeature = true;

    /**
     * Distinct {@code feature} tag values per meter name; the features beyond it get no per-feature
     * series (their monitor's meters still count them) and a warning names this key.
     */
    private int maxFeatureTags = 500;

    public boolean isPerFeature() { return perFeature; }
    public void setPerFeature(boolean perFeature) { this.perFeature = perFeature; }
    public int getMaxFeatureTags() { return maxFeatureTags; }
    public void setMaxFeatureTags(int maxFeatureTags) { this.maxFeatureTags = maxFeatureTags; }
}
