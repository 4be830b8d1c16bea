package io.driftwatch.bench;

import java.util.SplittableRandom;

import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.NumericProfile;

/**
 * Profile updates of a segmented window in the JVM alone (no database), the rows of bench/segments/run.sh: 10
 * features (5 continuous, 3 rounded to 0.1, 2 categorical of 12 values) and a country of 200 values, skewed, of
 * which the 50 most frequent are segments and the rest {@code (other)}. Prints CPU nanoseconds per row for the plain
 * pass (one set of profiles), the row-at-a-time segmented pass (each row to its segment's profiles) and the
 * columnar one ({@code batch} rows grouped by segment, then each segment's values added feature by feature).
 * Not a test; run with the test classpath:
 * {@code java -cp target/test-classes:target/classes io.driftwatch.bench.SegmentUpdateBenchmark [rows] [rounds] [batch]}.
 */
public final class SegmentUpdateBenchmark {

    static final int FEATURES = 10;
    static final int SEGMENTS = 52;

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 65_536;
        String only = args.length > 3 ? args[3] : "";
        SplittableRandom random = new SplittableRandom(7);
        double[][] numeric = new double[FEATURES][];
        String[][] categorical = new String[FEATURES][];
        int[] segment = new int[n];
        String[] labels = new String[12];
        for (int c = 0; c < labels.length; c++) {
            labels[c] = "c" + c;
        }
        for (int f = 0; f < FEATURES; f++) {
            int kind = (f + 1) % 4;
            if (kind == 0) {
                categorical[f] = new String[n];
                for (int r = 0; r < n; r++) {
                    categorical[f][r] = new String(labels[random.nextInt(12)]);
                }
            } else {
                numeric[f] = new double[n];
                for (int r = 0; r < n; r++) {
                    double g = 100 + 10 * Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
                            * Math.cos(2 * Math.PI * random.nextDouble());
                    numeric[f][r] = kind == 2 ? Math.round(g * 10) / 10.0 : g;
                }
            }
        }
        for (int r = 0; r < n; r++) {
            int country = (int) Math.floor(200 * Math.pow(random.nextDouble(), 3));
            segment[r] = country < 50 ? country : 50; // 50: (other); 51: (missing), empty here
        }
        for (int round = 0; round < rounds; round++) {
            if (only.isEmpty() || only.equals("plain")) {
                long start = cpu();
                FeatureProfile[] plain = profiles();
                for (int r = 0; r < n; r++) {
                    add(plain, numeric, categorical, r);
                }
                report("plain", start, n, plain);
            }
            if (only.isEmpty() || only.equals("rows")) {
                long start = cpu();
                FeatureProfile[][] segments = new FeatureProfile[SEGMENTS][];
                for (int s = 0; s < SEGMENTS; s++) {
                    segments[s] = profiles();
                }
                for (int r = 0; r < n; r++) {
                    add(segments[segment[r]], numeric, categorical, r);
                }
                report("rows", start, n, merged(segments));
            }
            if (only.isEmpty() || only.equals("columns")) {
                long start = cpu();
                FeatureProfile[][] segments = new FeatureProfile[SEGMENTS][];
                for (int s = 0; s < SEGMENTS; s++) {
                    segments[s] = profiles();
                }
                int[] order = new int[batch];
                int[] starts = new int[SEGMENTS + 1];
                for (int from = 0; from < n; from += batch) {
                    int to = Math.min(n, from + batch);
                    java.util.Arrays.fill(starts, 0);
                    for (int r = from; r < to; r++) {
                        starts[segment[r] + 1]++;
                    }
                    for (int s = 0; s < SEGMENTS; s++) {
                        starts[s + 1] += starts[s];
                    }
                    int[] next = starts.clone();
                    for (int r = from; r < to; r++) {
                        order[next[segment[r]]++] = r;
                    }
                    for (int s = 0; s < SEGMENTS; s++) {
                        for (int f = 0; f < FEATURES; f++) {
                            FeatureProfile p = segments[s][f];
                            if (numeric[f] != null) {
                                NumericProfile np = (NumericProfile) p;
                                double[] column = numeric[f];
                                for (int i = starts[s]; i < starts[s + 1]; i++) {
                                    np.add(column[order[i]]);
                                }
                            } else {
                                CategoricalProfile cp = (CategoricalProfile) p;
                                String[] column = categorical[f];
                                for (int i = starts[s]; i < starts[s + 1]; i++) {
                                    cp.add(column[order[i]]);
                                }
                            }
                        }
                    }
                }
                report("columns", start, n, merged(segments));
            }
        }
    }

    /** CPU time of this thread: the machine is shared, and wall time would count other processes' turns. */
    private static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static FeatureProfile[] profiles() {
        FeatureProfile[] profiles = new FeatureProfile[FEATURES];
        for (int f = 0; f < FEATURES; f++) {
            profiles[f] = (f + 1) % 4 == 0 ? CategoricalProfile.create() : NumericProfile.create();
        }
        return profiles;
    }

    private static void add(FeatureProfile[] profiles, double[][] numeric, String[][] categorical, int r) {
        for (int f = 0; f < FEATURES; f++) {
            if (numeric[f] != null) {
                ((NumericProfile) profiles[f]).add(numeric[f][r]);
            } else {
                ((CategoricalProfile) profiles[f]).add(categorical[f][r]);
            }
        }
    }

    private static FeatureProfile[] merged(FeatureProfile[][] segments) {
        FeatureProfile[] population = profiles();
        for (FeatureProfile[] s : segments) {
            for (int f = 0; f < FEATURES; f++) {
                if (population[f] instanceof NumericProfile p) {
                    p.merge((NumericProfile) s[f]);
                } else {
                    ((CategoricalProfile) population[f]).merge((CategoricalProfile) s[f]);
                }
            }
        }
        return population;
    }

    private static void report(String mode, long start, int n, FeatureProfile[] population) {
        long elapsed = cpu() - start;
        long check = 0;
        for (FeatureProfile p : population) {
            check = 31 * check + java.util.Arrays.hashCode(p.toBytes());
        }
        System.out.printf("%-8s %8.1f ns/row  %6d ms  (profile hash %x)%n", mode, (double) elapsed / n, elapsed / 1_000_000,
                check);
    }
}
