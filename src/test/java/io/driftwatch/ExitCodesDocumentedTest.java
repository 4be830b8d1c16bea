package io.driftwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The exit codes are a contract with CronJobs and rollout tools: the README's table documents exactly these. */
class ExitCodesDocumentedTest {

    /** The codes of a process ended by SIGINT and SIGTERM, documented beside ours. */
    private static final List<Integer> SIGNALS = List.of(io.driftwatch.job.Termination.INTERRUPT_EXIT_CODE,
            io.driftwatch.job.Termination.EXIT_CODE);

    @Test
    void theReadmeTableListsEveryExitCodeAndNoOther() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("### Exit codes"));
        section = section.substring(0, section.indexOf("\n#", "### Exit codes".length()));

        List<Integer> documented = Pattern.compile("(?m)^\\| (\\d+) \\|").matcher(section).results()
                .map(m -> Integer.parseInt(m.group(1))).toList();

        List<Integer> codes = Arrays.stream(ExitCodes.values()).map(ExitCodes::code).toList();
        assertThat(documented).containsExactlyElementsOf(
                java.util.stream.Stream.concat(codes.stream(), SIGNALS.stream()).toList());
    }
}
