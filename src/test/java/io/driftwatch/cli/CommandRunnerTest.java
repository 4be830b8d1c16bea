package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultApplicationArguments;

import io.driftwatch.ExitCodes;
import io.driftwatch.config.DriftwatchProperties;
import io.driftwatch.config.MonitorConfigurationException;
import io.driftwatch.telemetry.RunEvents;

/** Which command a command line runs, and the exit code and closing line it leaves. */
class CommandRunnerTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<Object> events = new ArrayList<>();
    private final Recording job = new Recording("driftJob", false, new Outcome(ExitCodes.COMPLETED, "night done"));
    private final Recording tasks = new Recording("tasks", true, new Outcome(ExitCodes.COMPLETED, "tasks list"));

    @Test
    void aCommandWordRunsItsCommandWithTheWordsAfterIt() {
        CommandRunner runner = runner("driftJob");

        runner.run(new DefaultApplicationArguments("--spring.datasource.url=x", "tasks", "list", "status=FAILED"));

        assertThat(tasks.args).containsExactly(List.of("list", "status=FAILED"));
        assertThat(job.args).isEmpty();
        assertThat(runner.getExitCode()).isZero();
        assertThat(events).containsExactly(new RunEvents.ProcessFinished("tasks", ExitCodes.COMPLETED));
    }

    @Test
    void otherwiseTheNamedJobRunsWithEveryWord() {
        CommandRunner runner = runner("driftJob");

        runner.run(new DefaultApplicationArguments("runDate=2026-03-02"));

        assertThat(job.args).containsExactly(List.of("runDate=2026-03-02"));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("night done [exit 0 COMPLETED]\n");
    }

    @Test
    void anUnknownJobOrACommandWordGivenAsAJobNameIsExitCodeTwo() {
        CommandRunner unknown = runner("nightlyJob");
        unknown.run(new DefaultApplicationArguments());
        CommandRunner word = runner("tasks");
        word.run(new DefaultApplicationArguments("list"));

        assertThat(unknown.getExitCode()).isEqualTo(2);
        assertThat(word.getExitCode()).isEqualTo(2);
        assertThat(tasks.args).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Unknown job 'nightlyJob'").contains("Unknown job 'tasks'")
                .contains("--spring.batch.job.name=driftJob").contains("a command: tasks");
    }

    @Test
    void argumentsThatCannotBeUsedAreExitCodeTwoWithTheirMessage() {
        Recording failing = new Recording("driftJob", false, null);
        CommandRunner runner = new CommandRunner(List.of(failing, tasks), "driftJob",
                new ConsolePrinter(new PrintStream(out, true, StandardCharsets.UTF_8)), events::add);

        runner.run(new DefaultApplicationArguments("runDate=2026-03-02"));

        assertThat(runner.getExitCode()).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("driftwatch: bad arguments [exit 2 INVALID_CONFIGURATION]\n");
    }

    @Test
    void anAlreadyCompleteDateExitsWithTheConfiguredCodeAndStillSaysWhatHappened() {
        Recording complete = new Recording("driftJob", false, new Outcome(ExitCodes.ALREADY_COMPLETE, "already completed"));
        ConsolePrinter printer = new ConsolePrinter(new PrintStream(out, true, StandardCharsets.UTF_8));
        CommandRunner byDefault = new CommandRunner(List.of(complete), "driftJob", printer, events::add);
        CommandRunner underKubernetes = new CommandRunner(List.of(complete), "driftJob", printer, events::add, 0);

        byDefault.run(new DefaultApplicationArguments());
        underKubernetes.run(new DefaultApplicationArguments());

        assertThat(byDefault.getExitCode()).isEqualTo(3);
        assertThat(underKubernetes.getExitCode()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("driftwatch: already completed [exit 3 ALREADY_COMPLETE]\n"
                + "driftwatch: already completed [exit 0 ALREADY_COMPLETE]\n");
        // metrics and alerts still see what happened, whatever the process's exit code
        assertThat(events).containsOnly(new RunEvents.ProcessFinished("driftJob", ExitCodes.ALREADY_COMPLETE));
    }

    @Test
    void onlyAFreeExitCodeCanMeanAlreadyComplete() {
        DriftwatchProperties properties = new DriftwatchProperties();
        assertThat(CliConfiguration.alreadyCompleteCode(properties)).isEqualTo(3);
        properties.getExitCodes().setAlreadyComplete(0);
        assertThat(CliConfiguration.alreadyCompleteCode(properties)).isZero();

        for (int taken : new int[] {5, 256, -1}) {
            properties.getExitCodes().setAlreadyComplete(taken);
            assertThatThrownBy(() -> CliConfiguration.alreadyCompleteCode(properties))
                    .isInstanceOf(MonitorConfigurationException.class)
                    .hasMessageContaining("driftwatch.exit-codes.already-complete = '" + taken + "'")
                    .satisfies(e -> assertThat(((MonitorConfigurationException) e).getExitCode()).isEqualTo(2));
        }
    }

    private CommandRunner runner(String jobName) {
        return new CommandRunner(List.of(job, tasks), jobName,
                new ConsolePrinter(new PrintStream(out, true, StandardCharsets.UTF_8)), events::add);
    }

    /** A command that records the arguments it was run with and returns a fixed outcome (null: bad arguments). */
    private static final class Recording extends NamedCommand {
        final List<List<String>> args = new ArrayList<>();
        private final Outcome outcome;

        Recording(String name, boolean word, Outcome outcome) {
            super(name, word);
            this.outcome = outcome;
        }

        @Override
        public Outcome run(List<String> arguments) {
            args.add(List.copyOf(arguments));
            if (outcome == null) {
                throw new UsageException("bad arguments");
            }
            return outcome;
        }
    }
}
