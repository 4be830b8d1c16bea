package io.driftwatch.job;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.driftwatch.drift.DriftMethod;
import io.driftwatch.drift.DriftMethods;
import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.NumericProfile;

/**
 * Runs the code of a night's profile and drift steps on made-up values in a background thread while Spring starts
 * (which keeps one core busy and leaves the others idle), so that the job's steps find it loaded and compiled instead
 * of paying for it inside a small night: the profiles' add, merge and codec paths in exact and sketch mode, and every
 * built-in drift method on both feature types. Touches no database, no file and no state the job reads; its results
 * are thrown away, and a failure in it is logged and ignored.
 * <p>
 * Off on a single CPU, where it would only slow the start, and with {@code DRIFTWATCH_WARM_UP=false} (or
 * {@code -Ddriftwatch.warm-up=false}).
 */
public final class WarmUp {

    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);

    /** Values added per profile: enough for the JIT to compile the add paths, a few milliseconds of work each. */
    static final int VALUES = 60_000;

    private WarmUp() {
    }

    /**
     * Starts the warm-up thread for a process that profiles feature tables (a night, a rerun, a backfill: not the
     * canary or reaper job, nor {@code tasks}), unless it is switched off or there is one CPU; returns it, or null.
     */
    public static Thread start(List<String> args, Map<String, String> env) {
        String setting = System.getProperty("driftwatch.warm-up", env.get("DRIFTWATCH_WARM_UP"));
        String job = env.getOrDefault("SPRING_BATCH_JOB_NAME", "");
        boolean other = args.contains("tasks") || !job.isEmpty() && !job.equals(DriftJobConfiguration.JOB_NAME)
                || args.stream().anyMatch(a -> a.contains("spring.batch.job.name=")
                        && !a.endsWith("=" + DriftJobConfiguration.JOB_NAME));
        if (other || "false".equalsIgnoreCase(setting) || Runtime.getRuntime().availableProcessors() < 2) {
            return null;
        }
        Thread thread = new Thread(WarmUp::runQuietly, "driftwatch-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return thread;
    }

    private static void runQuietly() {
        long started = System.nanoTime();
        try {
            int results = run();
            log.debug("Warm-up of the profile and drift code done in {} ms ({} results)",
                    (System.nanoTime() - started) / 1_000_000, results);
        } catch (Throwable e) { // it only spares the job some time: never let it fail anything
            log.debug("Warm-up of the profile and drift code stopped: {}", e.toString());
        }
    }

    /** One round: profiles of both types in both modes, their bytes and merges, every built-in method on them. */
    static int run() {
        Random random = new Random(42);
        FeatureProfile[] numeric = new FeatureProfile[2];
        FeatureProfile[] categorical = new FeatureProfile[2];
        for (int side = 0; side < 2; side++) {
            NumericProfile continuous = NumericProfile.create();
            NumericProfile rounded = NumericProfile.create();
            CategoricalProfile categories = CategoricalProfile.create();
            for (int i = 0; i < VALUES; i++) {
                double v = random.nextGaussian() + side * 0.5;
                continuous.add(v);
                rounded.add(Math.round(v * 10) / 10.0);
                categories.add("c" + random.nextInt(12 + side));
                if (i % 1_000 == 0) {
                    continuous.addMissing();
                    categories.addMissing();
                }
            }
            NumericProfile whole = (NumericProfile) FeatureProfile.fromBytes(continuous.toBytes());
            whole.merge((NumericProfile) FeatureProfile.fromBytes(rounded.toBytes()));
            CategoricalProfile merged = (CategoricalProfile) FeatureProfile.fromBytes(categories.toBytes());
            merged.merge(CategoricalProfile.create());
            numeric[side] = whole;
            categorical[side] = merged;
        }
        int results = 0;
        for (String name : DriftMethods.standard().names()) {
            DriftMethod method = DriftMethods.standard().require(name);
            for (FeatureProfile[] pair : new FeatureProfile[][] {numeric, categorical}) {
                if (method.supports(pair[0].type())) {
                    results += method.compute(pair[0], pair[1], method.defaultSettings()) == null ? 0 : 1;
                }
            }
        }
        return results;
    }
}
