package io.driftwatch.drift;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * How a numeric feature is cut into bins for the histogram methods (psi, kl, js, js_divergence, hellinger).
 * Categorical features always use one bin per category of the union of both windows, whatever the binning says.
 * Only finite values are binned; NULL, NaN and ±Infinity are counted and reported, never binned.
 *
 * @param kind      the rule
 * @param quantiles number of bins of {@link Kind#BASELINE_QUANTILES} (2 or more), otherwise 0
 * @param edges     interior edges of {@link Kind#EDGES}, finite and strictly ascending, otherwise empty
 */
public record Binning(Kind kind, int quantiles, List<Double> edges) {

    /** The binning rules. */
    public enum Kind {
        /** Interior edges at the baseline quantiles i/n (numpy "linear"), de-duplicated; outer bins open-ended. */
        BASELINE_QUANTILES,
        /** numpy's Sturges rule on both windows together: equal width over the combined [min, max], as Evidently. */
        STURGES,
        /** Interior edges from the configuration; outer bins open-ended. */
        EDGES,
        /** One bin per distinct value of the union of both windows (exact-mode profiles only). */
        VALUES,
        /** Evidently's rule: {@link #STURGES} if the baseline has more than 20 distinct values, else {@link #VALUES}. */
        EVIDENTLY
    }

    /** Baseline deciles: the classic PSI binning and the default. */
    public static final Binning BASELINE_DECILES = baselineQuantiles(10);

    public Binning {
        if (kind == null) {
            throw new IllegalArgumentException("binning kind must not be null");
        }
        edges = edges == null ? List.of() : List.copyOf(edges);
        if (kind == Kind.BASELINE_QUANTILES) {
            if (quantiles < 2 || quantiles > 1000) {
                throw new IllegalArgumentException("baseline-quantile bins must be within [2, 1000] but were "
                        + quantiles);
            }
        } else if (quantiles != 0) {
            throw new IllegalArgumentException("only baseline-quantile binning takes a bin count, but " + kind
                    + " had " + quantiles);
        }
        if (kind == Kind.EDGES) {
            checkEdges(edges);
        } else if (!edges.isEmpty()) {
            throw new IllegalArgumentException("only edges binning takes edges, but " + kind + " had " + edges);
        }
    }

    /**
     * {@code n} bins with interior edges at the baseline quantiles 1/n, ..., (n-1)/n.
     *
     * @throws IllegalArgumentException unless 2 &lt;= n &lt;= 1000
     */
    public static Binning baselineQuantiles(int n) {
        return new Binning(Kind.BASELINE_QUANTILES, n, List.of());
    }

    /** Equal-width bins over the combined range of both windows, as many as numpy's Sturges rule gives. */
    public static Binning sturges() {
        return new Binning(Kind.STURGES, 0, List.of());
    }

    /**
     * Bins (-inf, e1), [e1, e2), ..., [ek, +inf) from configured interior edges.
     *
     * @throws IllegalArgumentException unless the edges are finite, strictly ascending and at least one
     */
    public static Binning edges(List<Double> interiorEdges) {
        return new Binning(Kind.EDGES, 0, interiorEdges);
    }

    /** One bin per distinct value of the union of both windows; needs exact-mode profiles. */
    public static Binning values() {
        return new Binning(Kind.VALUES, 0, List.of());
    }

    /** Evidently's rule: Sturges over both windows if the baseline has more than 20 distinct values, else values. */
    public static Binning evidently() {
        return new Binning(Kind.EVIDENTLY, 0, List.of());
    }

    /**
     * Parses a configuration spelling: {@code baseline-quantiles} (10 bins), {@code baseline-quantiles:N},
     * {@code baseline-deciles}, {@code sturges}, {@code values}, {@code evidently}, or {@code edges:e1;e2;...}.
     *
     * @throws IllegalArgumentException naming the allowed spellings otherwise
     */
    public static Binning parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.equals("baseline-quantiles") || value.equals("baseline-deciles")) {
                return BASELINE_DECILES;
            }
            if (value.startsWith("baseline-quantiles:")) {
                return baselineQuantiles(Integer.parseInt(value.substring("baseline-quantiles:".length()).trim()));
            }
            if (value.startsWith("edges:")) {
                List<Double> edges = new ArrayList<>();
                for (String part : value.substring("edges:".length()).split(";")) {
                    edges.add(Double.parseDouble(part.trim()));
                }
                return edges(edges);
            }
            switch (value) {
                case "sturges":
                    return sturges();
                case "values":
                    return values();
                case "evidently":
                    return evidently();
                default:
                    break;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("binning '" + text + "' has a malformed number: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("binning must be one of baseline-quantiles, baseline-quantiles:N, sturges,"
                + " values, evidently, edges:e1;e2;... but was " + (text == null ? "null" : "'" + text + "'"));
    }

    /**
     * The name used in convention strings: {@code baseline-deciles} (10 baseline quantiles, the historic name),
     * {@code baseline-quantiles-N}, {@code sturges-combined}, {@code values}, {@code evidently} (resolved per result
     * to {@code evidently:sturges-combined} or {@code evidently:values}), or {@code edges(n=K,crc32=XXXXXXXX)} where
     * the checksum covers the edges' IEEE-754 bits, so different edge sets never share a convention.
     */
    public String conventionName() {
        return switch (kind) {
            case BASELINE_QUANTILES -> quantiles == 10 ? "baseline-deciles" : "baseline-quantiles-" + quantiles;
            case STURGES -> "sturges-combined";
            case VALUES -> "values";
            case EVIDENTLY -> "evidently";
            case EDGES -> "edges(n=" + edges.size() + ",crc32=" + fingerprint(edges) + ")";
        };
    }

    private static void checkEdges(List<Double> edges) {
        if (edges.isEmpty()) {
            throw new IllegalArgumentException("edges binning needs at least one interior edge");
        }
        double previous = Double.NEGATIVE_INFINITY;
        for (Double edge : edges) {
            if (edge == null || !Double.isFinite(edge) || !(edge > previous)) {
                throw new IllegalArgumentException("edges must be finite and strictly ascending but were " + edges);
            }
            previous = edge;
        }
    }

    private static String fingerprint(List<Double> edges) {
        ByteBuffer bytes = ByteBuffer.allocate(8 * edges.size());
        for (double edge : edges) {
            bytes.putDouble(edge == 0.0 ? 0.0 : edge);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes.array());
        return String.format(Locale.ROOT, "%08x", crc.getValue());
    }
}
