package io.driftwatch.cli;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.driftwatch.job.CanaryJobConfiguration;
import io.driftwatch.job.DriftJobConfiguration;
import io.driftwatch.job.ReaperJobConfiguration;

/**
 * The command line checked before anything starts (no application context, no database): {@code --help},
 * options that are not Spring properties ({@code --runDate=...} with dashes, {@code --dry-run}), an unknown
 * job name, and the arguments of the command named on the command line (a malformed runDate). Spring
 * properties ({@code --spring.datasource.url=...}, {@code --driftwatch.zone=...}) pass; {@code driftwatch.*}
 * keys are checked against the known keys once the configuration is read.
 */
public final class CommandLineCheck {

    /** What to do with a command line. */
    public sealed interface Verdict permits Run, Help, Reject {
    }

    /** Start the application with these arguments. */
    public record Run() implements Verdict {
    }

    /** Print the usage and exit 0. */
    public record Help() implements Verdict {
    }

    /** Exit 2 with this message. */
    public record Reject(String message) implements Verdict {
    }

    static final String JOB_NAME_OPTION = "spring.batch.job.name";
    static final List<String> JOBS = List.of(DriftJobConfiguration.JOB_NAME, CanaryJobConfiguration.JOB_NAME,
            ReaperJobConfiguration.JOB_NAME);
    static final List<String> WORDS = List.of(TasksCommand.WORD, RunsCommand.WORD, BackfillCommand.WORD);
    /** Every job parameter and command argument, so that a dashed one is recognised. */
    private static final List<String> PARAMETERS = List.of("runDate", "model", "baselineVersion", "candidateVersion",
            "window", "end", "mode", "input", "status", "limit", "monitor", "from", "to");
    /** Spring Boot's own switches. */
    private static final List<String> FLAGS = List.of("debug", "trace");
    private static final List<String> COMMON_OPTIONS = List.of("help", JOB_NAME_OPTION, "spring.config.additional-location",
            "spring.datasource.url");

    private CommandLineCheck() {
    }

    public static Verdict check(String[] args, Map<String, String> environment) {
        List<String> all = Arrays.asList(args);
        if (all.contains("--help") || all.contains("-h") || (!all.isEmpty() && all.get(0).equals("help"))) {
            return new Help();
        }
        String jobName = null;
        for (String arg : all) {
            if (!arg.startsWith("-")) {
                continue;
            }
            String option = arg.replaceFirst("^--?", "");
            int eq = option.indexOf('=');
            String name = eq < 0 ? option : option.substring(0, eq);
            String value = eq < 0 ? null : option.substring(eq + 1);
            Optional<String> parameter = PARAMETERS.stream().filter(p -> p.equalsIgnoreCase(name)).findFirst();
            if (parameter.isPresent()) {
                return new Reject("'" + arg + "' is not an option: job parameters take no dashes. Write "
                        + parameter.get() + (value == null ? "=..." : "=" + value) + " instead.");
            }
            if (!arg.startsWith("--") || (!name.contains(".") && !FLAGS.contains(name))) {
                return new Reject("Unknown option '" + arg + "'." + closest(name, Stream.concat(COMMON_OPTIONS.stream(),
                        FLAGS.stream()).toList()).map(c -> " Did you mean --" + c + "?").orElse("")
                        + " Options are Spring properties (--spring.datasource.url=..., --driftwatch.zone=...);"
                        + " job parameters take no dashes (runDate=2026-03-02). See --help.");
            }
            if (name.equals(JOB_NAME_OPTION)) {
                jobName = value;
            }
        }
        if (jobName == null) {
            jobName = environment.get("SPRING_BATCH_JOB_NAME");
        }
        if (jobName != null && !JOBS.contains(jobName)) {
            return new Reject("Unknown job '" + jobName + "'." + closest(jobName, JOBS).map(c -> " Did you mean " + c + "?")
                    .orElse("") + " Jobs: --" + JOB_NAME_OPTION + "=" + String.join("|", JOBS) + " (driftJob is the default);"
                    + " commands: " + String.join(", ", WORDS) + ". See --help.");
        }
        List<String> words = all.stream().filter(a -> !a.startsWith("-")).toList();
        try {
            arguments(jobName, words);
        } catch (UsageException e) {
            return new Reject(e.getMessage());
        }
        return new Run();
    }

    /** Checks the arguments of a command whose name is certain (a command word, or a job named on the command line). */
    private static void arguments(String jobName, List<String> words) {
        if (!words.isEmpty() && words.get(0).equals(RunsCommand.WORD)) {
            RunsArguments.parse(words.subList(1, words.size()));
        } else if (!words.isEmpty() && words.get(0).equals(BackfillCommand.WORD)) {
            BackfillArguments.parse(words.subList(1, words.size()));
        } else if (DriftJobConfiguration.JOB_NAME.equals(jobName) || (jobName == null && !words.isEmpty()
                && words.stream().allMatch(w -> w.startsWith(DriftJobConfiguration.RUN_DATE + "=")))) {
            JobArguments.parse(words, Clock.systemUTC(), ZoneOffset.UTC);
        } else if (CanaryJobConfiguration.JOB_NAME.equals(jobName)) {
            CanaryArguments.parse(words, Clock.systemUTC());
        } else if (ReaperJobConfiguration.JOB_NAME.equals(jobName) && !words.isEmpty()) {
            throw new UsageException("reaperJob takes no arguments, got " + words);
        }
    }

    /** The candidate closest to {@code given} when it is close enough to be a likely misspelling. */
    static Optional<String> closest(String given, List<String> candidates) {
        String wanted = given.toLowerCase(Locale.ROOT);
        return candidates.stream()
                .map(c -> Map.entry(c, distance(wanted, c.toLowerCase(Locale.ROOT))))
                .filter(e -> e.getValue() <= Math.max(2, wanted.length() / 3))
                .min(Comparator.comparing(Map.Entry<String, Integer>::getValue))
                .map(Map.Entry::getKey);
    }

    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                d[i][j] = i == 0 ? j : j == 0 ? i : Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1),
                        d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
        }
        return d[a.length()][b.length()];
    }
}
