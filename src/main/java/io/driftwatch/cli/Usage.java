package io.driftwatch.cli;

import java.util.Locale;

import io.driftwatch.ExitCodes;

/** What {@code --help} prints: the commands, their parameters, the exit codes and where the configuration is described. */
public final class Usage {

    private Usage() {
    }

    public static String text() {
        StringBuilder text = new StringBuilder("""
                Usage: java -jar driftwatch.jar [--spring.property=value ...] [COMMAND] [name=value ...]

                Commands (one per process; the exit code is its outcome):
                  [runDate=YYYY-MM-DD]                     driftJob (default): judge the night of runDate (default: today
                                                           in driftwatch.zone); a failed or stopped date resumes when run again
                  runs rerun monitor=NAME runDate=YYYY-MM-DD
                  runs rerun monitor=NAME from=YYYY-MM-DD to=YYYY-MM-DD
                                                           reprocess completed dates of one monitor on purpose (its report
                                                           rows are replaced, never duplicated)
                  backfill monitor=NAME from=YYYY-MM-DD to=YYYY-MM-DD
                                                           a monitor's history: every bucket profiled once in one pass,
                                                           then each date judged as its nightly run would (resumable)
                  --spring.batch.job.name=canaryJob model=NAME baselineVersion=V candidateVersion=V
                      [window=PT1H] [end=ISO-INSTANT] [mode=canary|shadow] [input=logs|metrics]
                                                           judge a canary or shadow deployment (prints the verdict JSON)
                  --spring.batch.job.name=reaperJob        return expired leases of the retraining queue
                  tasks list [status=STATUS] [limit=N] | tasks approve ID | tasks cancel ID | tasks requeue ID
                                                           the retraining queue, as an operator sees it
                  --driftwatch.partitioning=remote --driftwatch.role=worker
                                                           a worker: run the partitions that driftJob managers send through
                                                           RabbitMQ until SIGTERM (docs/remote-partitioning.md)

                Job parameters take no dashes (runDate=2026-03-02); options with two dashes are Spring properties,
                e.g. --spring.datasource.url=jdbc:postgresql://db/drift or --spring.config.additional-location=file:monitors.yaml.
                Unknown driftwatch.* keys stop the process (exit 2) with the key meant.

                Exit codes:
                """);
        for (ExitCodes code : ExitCodes.values()) {
            text.append(String.format(Locale.ROOT, "  %2d %-22s %s%n", code.code(), code.name(), code.description()));
        }
        text.append("""

                Configuration: every driftwatch.* key with its default is in docs/configuration.md (and in the jar's
                META-INF/spring-configuration-metadata.json); operating (CronJob, reruns, exit codes) in README.md.
                """);
        return text.toString();
    }
}
