package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The command line as it is checked before anything starts. */
class CommandLineCheckTest {

    @Test
    void helpInAnyPlaceAsksForTheUsage() {
        assertThat(check("--help")).isInstanceOf(CommandLineCheck.Help.class);
        assertThat(check("--spring.datasource.url=jdbc:postgresql://nowhere/x", "-h")).isInstanceOf(CommandLineCheck.Help.class);
        assertThat(check("help")).isInstanceOf(CommandLineCheck.Help.class);
    }

    @Test
    void aDashedJobParameterIsRejectedWithTheSpellingWithoutDashes() {
        assertThat(rejection("--runDate=2026-03-02")).contains("job parameters take no dashes")
                .contains("Write runDate=2026-03-02 instead");
        assertThat(rejection("--spring.batch.job.name=canaryJob", "--model=credit-risk")).contains("Write model=credit-risk");
    }

    @Test
    void anOptionThatIsNoSpringPropertyIsRejectedWithTheOptionMeant() {
        assertThat(rejection("--dry-run")).contains("Unknown option '--dry-run'").contains("See --help");
        assertThat(rejection("--hepl")).contains("Did you mean --help?");
        assertThat(rejection("-x")).contains("Unknown option '-x'");
    }

    @Test
    void anUnknownJobNameIsRejectedWithTheJobMeant() {
        assertThat(rejection("--spring.batch.job.name=driftjob")).contains("Unknown job 'driftjob'")
                .contains("Did you mean driftJob?");
        assertThat(CommandLineCheck.check(new String[0], Map.of("SPRING_BATCH_JOB_NAME", "nightly")))
                .isInstanceOf(CommandLineCheck.Reject.class);
    }

    @Test
    void theArgumentsOfTheCommandNamedAreCheckedBeforeStart() {
        assertThat(rejection("runDate=03/02/2026")).contains("runDate '03/02/2026' is not a date");
        assertThat(rejection("--spring.batch.job.name=driftJob", "rundate=2026-03-02")).contains("Unknown argument");
        assertThat(rejection("--spring.batch.job.name=canaryJob", "model=m")).contains("canaryJob needs baselineVersion");
        assertThat(rejection("runs", "rerun", "runDate=2026-03-02")).contains("needs monitor=NAME");
        assertThat(rejection("runs", "rerun", "monitor=loans", "from=2026-03-05", "to=2026-03-01")).contains("is after to");
    }

    @Test
    void springPropertiesAndWellFormedCommandsPass() {
        assertThat(check("--spring.datasource.url=jdbc:postgresql://db/x", "--driftwatch.zone=Europe/Paris", "--debug",
                "runDate=2026-03-02")).isInstanceOf(CommandLineCheck.Run.class);
        assertThat(check("runs", "rerun", "monitor=loans", "from=2026-03-01", "to=2026-03-05"))
                .isInstanceOf(CommandLineCheck.Run.class);
        assertThat(check("tasks", "list", "status=FAILED")).isInstanceOf(CommandLineCheck.Run.class);
        assertThat(check()).isInstanceOf(CommandLineCheck.Run.class);
    }

    @Test
    void theUsageNamesCommandsParametersEveryExitCodeAndTheConfigurationReference() {
        assertThat(Usage.text()).contains("runDate=YYYY-MM-DD").contains("runs rerun monitor=NAME").contains("canaryJob")
                .contains("tasks list").contains(" 7 NO_DATA").contains(" 2 INVALID_CONFIGURATION").contains("11 INCONCLUSIVE")
                .contains("docs/configuration.md");
    }

    private static CommandLineCheck.Verdict check(String... args) {
        return CommandLineCheck.check(args, Map.of());
    }

    private static String rejection(String... args) {
        CommandLineCheck.Verdict verdict = check(args);
        assertThat(verdict).isInstanceOf(CommandLineCheck.Reject.class);
        return ((CommandLineCheck.Reject) verdict).message();
    }
}
