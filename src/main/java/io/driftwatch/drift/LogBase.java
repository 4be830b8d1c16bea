package io.driftwatch.drift;

/**
 * Base of the logarithm in entropy-based scores (KL, Jensen-Shannon). Base 2 gives bits and bounds JS to [0, 1];
 * base e gives nats and bounds the JS distance to sqrt(ln 2) ≈ 0.833 (scipy's {@code base=None}, Evidently).
 */
public enum LogBase {
    /** Natural logarithm (nats). */
    E("e", Math.E),
    /** Binary logarithm (bits). */
    TWO("2", 2.0);

    private final String conventionName;
    private final double base;

    LogBase(String conventionName, double base) {
        this.conventionName = conventionName;
        this.base = base;
    }

    /** The spelling used in convention strings: {@code "e"} or {@code "2"}. */
    public String conventionName() {
        return conventionName;
    }

    /** The natural logarithm of the base, {@code Math.log(base)} as numpy's {@code np.log(base)}. */
    double lnBase() {
        return Math.log(base);
    }

    /**
     * Parses {@code "e"} or {@code "2"}, ignoring case and blanks.
     *
     * @throws IllegalArgumentException naming the allowed spellings otherwise
     */
    public static LogBase parse(String text) {
        if (text != null) {
            for (LogBase value : values()) {
                if (value.conventionName.equalsIgnoreCase(text.trim())) {
                    return value;
                }
            }
        }
        throw new IllegalArgumentException("log base must be one of [e, 2] but was "
                + (text == null ? "null" : "'" + text + "'"));
    }
}
