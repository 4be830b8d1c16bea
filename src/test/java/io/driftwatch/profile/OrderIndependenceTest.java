package io.driftwatch.profile;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A window's profile depends only on its multiset of rows: the same rows shuffled, reversed, or split into 1, 2, 4, 7
 * or 300 slices (contiguous or dealt round-robin) and merged left to right, right to left or pairwise give the same
 * bytes as one pass, in sketch mode as in exact mode.
 */
class OrderIndependenceTest {

    private static final int ROWS = 30_000;

    /** Numeric rows: a normal bulk, a far lognormal tail, ties, NaN, infinities and NULLs (as null). */
    static List<Double> numericRows(long seed) {
        Random random = new Random(seed);
        List<Double> rows = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            double v = switch (i % 10) {
                case 0 -> Math.exp(random.nextGaussian() * 3);
                case 1 -> Math.round(random.nextGaussian() * 10) / 10.0;
                case 2 -> i % 1_000 == 2 ? Double.NaN : -random.nextDouble() * 1e6;
                case 3 -> i % 2_000 == 3 ? Double.POSITIVE_INFINITY : 1e6 + random.nextGaussian();
                default -> 100 + 15 * random.nextGaussian();
            };
            rows.add(i % 997 == 0 ? null : v);
        }
        return rows;
    }

    /** Categorical rows: 40,000 distinct identifiers, a few heavy categories, NULLs. */
    static List<String> categoricalRows(long seed) {
        Random random = new Random(seed);
        List<String> rows = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            String v = switch (i % 4) {
                case 0 -> "heavy-" + random.nextInt(5);
                case 1 -> "mid-" + random.nextInt(2_000);
                default -> "id-" + random.nextInt(40_000);
            };
            rows.add(i % 991 == 0 ? null : v);
        }
        return rows;
    }

    @ParameterizedTest(name = "numeric, cap {0}")
    @ValueSource(ints = {500, 100_000})
    void numericProfilesAreTheSameForEveryOrderAndSlicing(int cap) {
        List<Double> rows = numericRows(7);
        assertSameForEveryOrderAndSlicing(rows, () -> NumericProfile.create(cap),
                (profile, v) -> {
                    if (v == null) {
                        profile.addMissing();
                    } else {
                        profile.add(v);
                    }
                }, NumericProfile::merge, NumericProfile::toBytes, profile -> profile.isExact() == (cap > 50_000));
    }

    @ParameterizedTest(name = "categorical, cap {0}")
    @ValueSource(ints = {500, 100_000})
    void categoricalProfilesAreTheSameForEveryOrderAndSlicing(int cap) {
        List<String> rows = categoricalRows(11);
        assertSameForEveryOrderAndSlicing(rows, () -> CategoricalProfile.create(cap), CategoricalProfile::add,
                CategoricalProfile::merge, CategoricalProfile::toBytes,
                profile -> profile.isExact() == (cap > 50_000));
    }

    private static <T, P> void assertSameForEveryOrderAndSlicing(List<T> rows, Supplier<P> create,
                                                                 BiConsumer<P, T> add, BiConsumer<P, P> merge,
                                                                 Function<P, byte[]> bytes,
                                                                 Function<P, Boolean> expectedMode) {
        P reference = create.get();
        rows.forEach(v -> add.accept(reference, v));
        byte[] expected = bytes.apply(reference);
        assertThat(expectedMode.apply(reference)).as("mode of the reference profile").isTrue();

        List<T> reversed = new ArrayList<>(rows);
        Collections.reverse(reversed);
        List<T> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(3));
        // a synchronized scan: the same rows starting two thirds in
        List<T> rotated = new ArrayList<>(rows);
        Collections.rotate(rotated, ROWS / 3);
        for (List<T> order : List.of(reversed, shuffled, rotated)) {
            for (int slices : order == shuffled ? new int[]{1, 2, 4, 7, 300} : new int[]{1, 2, 4, 7}) {
                for (boolean roundRobin : new boolean[]{false, true}) {
                    List<P> parts = new ArrayList<>();
                    for (int s = 0; s < slices; s++) {
                        parts.add(create.get());
                    }
                    for (int i = 0; i < order.size(); i++) {
                        int slice = roundRobin ? i % slices : (int) ((long) i * slices / order.size());
                        add.accept(parts.get(slice), order.get(i));
                    }
                    String what = slices + " slices, round robin " + roundRobin;
                    assertThat(bytes.apply(mergeLeftToRight(parts, create, merge, bytes))).as(what + ", left to right")
                            .isEqualTo(expected);
                    assertThat(bytes.apply(mergeRightToLeft(parts, create, merge, bytes))).as(what + ", right to left")
                            .isEqualTo(expected);
                    assertThat(bytes.apply(mergePairwise(parts, create, merge, bytes))).as(what + ", pairwise")
                            .isEqualTo(expected);
                }
            }
        }
    }

    // Each merge works on copies read back from bytes, as the drift step merges stored slices.
    @SuppressWarnings("unchecked")
    private static <P> P copy(P profile, Function<P, byte[]> bytes) {
        return (P) FeatureProfile.fromBytes(bytes.apply(profile));
    }

    private static <P> P mergeLeftToRight(List<P> parts, Supplier<P> create, BiConsumer<P, P> merge,
                                          Function<P, byte[]> bytes) {
        P merged = create.get();
        for (P part : parts) {
            merge.accept(merged, copy(part, bytes));
        }
        return merged;
    }

    private static <P> P mergeRightToLeft(List<P> parts, Supplier<P> create, BiConsumer<P, P> merge,
                                          Function<P, byte[]> bytes) {
        P merged = copy(parts.get(parts.size() - 1), bytes);
        for (int i = parts.size() - 2; i >= 0; i--) {
            merge.accept(merged, copy(parts.get(i), bytes));
        }
        return merged;
    }

    private static <P> P mergePairwise(List<P> parts, Supplier<P> create, BiConsumer<P, P> merge,
                                       Function<P, byte[]> bytes) {
        List<P> level = new ArrayList<>();
        for (P part : parts) {
            level.add(copy(part, bytes));
        }
        while (level.size() > 1) {
            List<P> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                P left = level.get(i);
                if (i + 1 < level.size()) {
                    merge.accept(left, level.get(i + 1));
                }
                next.add(left);
            }
            level = next;
        }
        return level.isEmpty() ? create.get() : level.get(0);
    }
}
