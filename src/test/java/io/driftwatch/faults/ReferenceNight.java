package io.driftwatch.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.driftwatch.support.JarProcess;

/**
 * What a fault test class of the packaged jar shares: the template night ({@link FaultNight#template}), the loan
 * monitor's configuration, and one uninterrupted night copied from the template, whose rows every trial must end
 * with. Registered as a static {@code @RegisterExtension} field, it creates them before the class's first test and
 * drops both schemas and the configuration after its last, also when the reference night fails.
 */
final class ReferenceNight implements BeforeAllCallback, AfterAllCallback {

    private final int rows;
    private final Duration limit;
    private Path dir;
    private Path monitors;
    private FaultNight template;
    private FaultNight reference;
    private Map<String, List<Map<String, Object>>> referenceRows;

    /** A template of {@code rows} baseline and {@code rows} window rows; the reference night must end within {@code limit}. */
    ReferenceNight(int rows, Duration limit) {
        this.rows = rows;
        this.limit = limit;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("driftwatch-faults");
        monitors = FaultNight.writeMonitors(dir);
        template = FaultNight.template(rows);
        reference = template.copy();
        try (JarProcess run = reference.start(monitors)) {
            assertThat(run.exitCode(limit)).as(run.output()).isZero();
        }
        referenceRows = reference.rows();
        assertThat(referenceRows.get("drift_report")).hasSize(4 * 4 + 2 * 2);
        assertThat(referenceRows.get("drift_run")).singleElement()
                .satisfies(run -> assertThat(run.get("status")).isEqualTo("COMPLETED"));
        assertThat(referenceRows.get("retraining_task")).hasSize(1);
        assertThat(referenceRows.get("unfinished executions")).isEmpty();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        for (FaultNight night : new FaultNight[] {reference, template}) {
            if (night != null) {
                night.close();
            }
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** The template night, of which each trial takes a {@link FaultNight#copy()}. */
    FaultNight template() {
        return template;
    }

    /** The loan monitor's configuration ({@link FaultNight#MONITORS}), written to a file. */
    Path monitors() {
        return monitors;
    }

    /** What the uninterrupted night left ({@link FaultNight#rows()}). */
    Map<String, List<Map<String, Object>>> rows() {
        return referenceRows;
    }
}
