package io.driftwatch.profile;

/**
 * A summary of one feature over one window of rows, small enough to store and mergeable across chunks.
 * <p>
 * Terms used by all profiles:
 * <ul>
 *   <li><em>count</em>: the number of usable values, i.e. non-missing values that can be binned
 *       (for numeric features: finite values only; NaN and infinities are counted separately);</li>
 *   <li><em>missing</em>: the number of SQL NULLs seen.</li>
 * </ul>
 * Profiles are mutable accumulators and are not thread-safe; merge per-thread profiles instead of sharing one.
 */
public sealed interface FeatureProfile permits NumericProfile, CategoricalProfile {

    /** The kind of feature this profile summarizes. */
    FeatureType type();

    /** Number of non-missing, usable values (numeric: finite values only). */
    long count();

    /** Number of SQL NULLs. */
    long missing();

    /**
     * Serializes the profile in the current binary format: a magic number, a format version, a type byte, then the
     * type-specific body. The bytes are deterministic for a given profile state.
     */
    byte[] toBytes();

    /**
     * Reads a profile written by {@link #toBytes()}, dispatching on its type byte.
     *
     * @throws IllegalArgumentException if the bytes are not a profile, carry an unsupported format version, or are
     *                                  truncated or inconsistent
     */
    static FeatureProfile fromBytes(byte[] bytes) {
        return ProfileCodec.decode(bytes);
    }
}
