package io.driftwatch.profile;

import com.tdunning.math.stats.MergingDigest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Binary format of profiles (big-endian, {@link DataOutputStream} encoding). Version 1 holds numeric profiles and
 * exact categorical profiles with the default cap; version 2 holds every other categorical profile (other caps, and
 * sketch mode). Both versions are read.
 * <pre>
 * header         int magic 0x44575046 ("DWPF"), short format version, byte type (1 numeric, 2 categorical)
 * numeric (v1)   int cap; long count, missing, nan, infinite; double mean, m2, min, max; byte mode, then
 *                  mode 0 (exact):  int n; n x (double value, long count), values strictly ascending
 *                  mode 1 (sketch): int length; length bytes of MergingDigest.asBytes
 * categorical v1 long count, missing; int n; n x (int length, UTF-8 bytes, long count) in counts() order
 * categorical v2 int cap; long count, missing; byte mode, then
 *                  mode 0 (exact):  int n; n x (int length, UTF-8 bytes, long count) in counts() order
 *                  mode 1 (sketch): int maxMapSize; long maximumError; int k;
 *                                   k x (int length, UTF-8 bytes, long lower bound), the retained items
 * </pre>
 * A sketch-mode categorical profile is written by this codec, not by DataSketches' own serialization (whose memory
 * layer rejects newer JDKs): the retained items' lower bounds (the sketch's counters), the maximum error and the
 * exact count and missing. A round trip preserves {@code count()}, {@code missing()}, {@code maximumError()},
 * {@code counts()} (so every estimate and bound) and the cap; it does not preserve the sketch's internal hash-map
 * layout, so later updates may evict different items than the original would have, within the same error bound.
 * Decoding checks the invariants (counts add up, no trailing bytes) so a corrupt row fails loudly, not as a bad score.
 */
final class ProfileCodec {

    static final int MAGIC = 0x44575046;
    static final short FORMAT_VERSION = 1;
    /** Version of categorical profiles that version 1 cannot hold: a non-default cap, or sketch mode. */
    static final short CATEGORICAL_FORMAT_VERSION = 2;
    static final byte TYPE_NUMERIC = 1;
    static final byte TYPE_CATEGORICAL = 2;
    private static final byte MODE_EXACT = 0;
    private static final byte MODE_SKETCH = 1;
    private static final int MAX_STRING_BYTES = 1 << 20;

    private ProfileCodec() {
    }

    static byte[] encode(NumericProfile profile) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            writeHeader(out, TYPE_NUMERIC);
            out.writeInt(profile.exactDistinctCap());
            out.writeLong(profile.count());
            out.writeLong(profile.missing());
            out.writeLong(profile.nanCount());
            out.writeLong(profile.infiniteCount());
            out.writeDouble(profile.rawMean());
            out.writeDouble(profile.m2());
            out.writeDouble(profile.min());
            out.writeDouble(profile.max());
            ExactCounts exact = profile.exactCounts();
            if (exact != null) {
                out.writeByte(MODE_EXACT);
                double[] values = exact.sortedValues();
                long[] counts = exact.sortedCounts();
                out.writeInt(values.length);
                for (int i = 0; i < values.length; i++) {
                    out.writeDouble(values[i]);
                    out.writeLong(counts[i]);
                }
            } else {
                out.writeByte(MODE_SKETCH);
                MergingDigest digest = profile.digest();
                ByteBuffer bytes = ByteBuffer.allocate(digest.byteSize());
                digest.asBytes(bytes);
                out.writeInt(bytes.position());
                out.write(bytes.array(), 0, bytes.position());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    static byte[] encode(CategoricalProfile profile) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            if (profile.isExact() && profile.exactDistinctCap() == CategoricalProfile.DEFAULT_EXACT_DISTINCT_CAP) {
                // Version 1, byte for byte what earlier builds wrote (and can read).
                writeHeader(out, FORMAT_VERSION, TYPE_CATEGORICAL);
                out.writeLong(profile.count());
                out.writeLong(profile.missing());
                writeCategories(out, profile.counts());
            } else {
                writeHeader(out, CATEGORICAL_FORMAT_VERSION, TYPE_CATEGORICAL);
                out.writeInt(profile.exactDistinctCap());
                out.writeLong(profile.count());
                out.writeLong(profile.missing());
                if (profile.isExact()) {
                    out.writeByte(MODE_EXACT);
                    writeCategories(out, profile.counts());
                } else {
                    out.writeByte(MODE_SKETCH);
                    out.writeInt(CategoricalProfile.SKETCH_MAX_MAP_SIZE);
                    out.writeLong(profile.maximumError());
                    writeCategories(out, profile.sketchLowerBounds());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private static void writeCategories(DataOutputStream out, Map<String, Long> counts) throws IOException {
        out.writeInt(counts.size());
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            // Not writeUTF: it caps strings at 65,535 bytes and uses modified UTF-8.
            byte[] utf8 = entry.getKey().getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
            out.writeLong(entry.getValue());
        }
    }

    static FeatureProfile decode(byte[] bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("profile bytes must not be null");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        try {
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw new IllegalArgumentException("not a driftwatch profile: magic must be 0x"
                        + Integer.toHexString(MAGIC) + " but was 0x" + Integer.toHexString(magic));
            }
            short version = in.readShort();
            if (version != FORMAT_VERSION && version != CATEGORICAL_FORMAT_VERSION) {
                throw new IllegalArgumentException("unsupported profile format version " + version
                        + "; this build reads versions " + FORMAT_VERSION + " and " + CATEGORICAL_FORMAT_VERSION
                        + " (categorical only)");
            }
            byte type = in.readByte();
            if (version == CATEGORICAL_FORMAT_VERSION && type != TYPE_CATEGORICAL) {
                throw new IllegalArgumentException("profile format version " + version
                        + " holds categorical profiles only, but the type byte was " + type);
            }
            FeatureProfile profile = switch (type) {
                case TYPE_NUMERIC -> readNumeric(in);
                case TYPE_CATEGORICAL -> version == FORMAT_VERSION ? readCategoricalV1(in) : readCategoricalV2(in);
                default -> throw new IllegalArgumentException("profile type byte must be " + TYPE_NUMERIC
                        + " (numeric) or " + TYPE_CATEGORICAL + " (categorical) but was " + type);
            };
            if (in.available() > 0) {
                throw new IllegalArgumentException("profile has " + in.available() + " trailing bytes");
            }
            return profile;
        } catch (EOFException e) {
            throw new IllegalArgumentException("profile bytes are truncated (" + bytes.length + " bytes)", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static NumericProfile readNumeric(DataInputStream in) throws IOException {
        int cap = in.readInt();
        if (cap < 1 || cap > NumericProfile.MAX_EXACT_DISTINCT_CAP) {
            throw new IllegalArgumentException("numeric profile cap must be within [1, "
                    + NumericProfile.MAX_EXACT_DISTINCT_CAP + "] but was " + cap);
        }
        long count = nonNegative(in.readLong(), "count");
        long missing = nonNegative(in.readLong(), "missing");
        long nan = nonNegative(in.readLong(), "nan count");
        long infinite = nonNegative(in.readLong(), "infinite count");
        double mean = in.readDouble();
        double m2 = in.readDouble();
        double min = in.readDouble();
        double max = in.readDouble();
        byte mode = in.readByte();
        ExactCounts exact = null;
        MergingDigest digest = null;
        if (mode == MODE_EXACT) {
            int distinct = in.readInt();
            if (distinct < 0 || distinct > cap) {
                throw new IllegalArgumentException("exact distinct values must be within [0, " + cap
                        + "] (the cap) but was " + distinct);
            }
            exact = new ExactCounts();
            long total = 0;
            double previous = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < distinct; i++) {
                double value = in.readDouble();
                long n = in.readLong();
                if (!Double.isFinite(value) || !(value > previous) || Double.doubleToLongBits(value) == Long.MIN_VALUE) {
                    throw new IllegalArgumentException("exact values must be finite, strictly ascending and not -0.0"
                            + " but value " + i + " was " + value + " after " + previous);
                }
                if (n <= 0) {
                    throw new IllegalArgumentException("exact value counts must be positive but " + value
                            + " had " + n);
                }
                exact.add(value, n);
                total += n;
                previous = value;
            }
            checkTotal(total, count);
        } else if (mode == MODE_SKETCH) {
            int length = in.readInt();
            if (length < 0 || length > in.available()) {
                throw new IllegalArgumentException("digest length must be within [0, " + in.available()
                        + "] (remaining bytes) but was " + length);
            }
            byte[] digestBytes = new byte[length];
            in.readFully(digestBytes);
            try {
                digest = MergingDigest.fromBytes(ByteBuffer.wrap(digestBytes));
            } catch (BufferUnderflowException | IllegalStateException e) {
                throw new IllegalArgumentException("digest bytes are not a valid MergingDigest", e);
            }
            checkTotal(digest.size(), count);
        } else {
            throw new IllegalArgumentException("numeric profile mode byte must be " + MODE_EXACT + " (exact) or "
                    + MODE_SKETCH + " (sketch) but was " + mode);
        }
        return NumericProfile.restore(cap, count, missing, nan, infinite, mean, m2, min, max, exact, digest);
    }

    private static CategoricalProfile readCategoricalV1(DataInputStream in) throws IOException {
        long count = nonNegative(in.readLong(), "count");
        long missing = nonNegative(in.readLong(), "missing");
        Map<String, Long> counts = readCategories(in, "category counts");
        checkTotal(sum(counts), count);
        return CategoricalProfile.restore(CategoricalProfile.DEFAULT_EXACT_DISTINCT_CAP, missing, counts);
    }

    private static CategoricalProfile readCategoricalV2(DataInputStream in) throws IOException {
        int cap = in.readInt();
        if (cap < 1 || cap > CategoricalProfile.MAX_EXACT_DISTINCT_CAP) {
            throw new IllegalArgumentException("categorical profile cap must be within [1, "
                    + CategoricalProfile.MAX_EXACT_DISTINCT_CAP + "] but was " + cap);
        }
        long count = nonNegative(in.readLong(), "count");
        long missing = nonNegative(in.readLong(), "missing");
        byte mode = in.readByte();
        if (mode == MODE_EXACT) {
            Map<String, Long> counts = readCategories(in, "category counts");
            if (counts.size() > cap) {
                throw new IllegalArgumentException("exact categories must be at most " + cap + " (the cap) but were "
                        + counts.size());
            }
            checkTotal(sum(counts), count);
            return CategoricalProfile.restore(cap, missing, counts);
        } else if (mode == MODE_SKETCH) {
            int maxMapSize = in.readInt();
            if (maxMapSize != CategoricalProfile.SKETCH_MAX_MAP_SIZE) {
                throw new IllegalArgumentException("categorical sketch max map size must be "
                        + CategoricalProfile.SKETCH_MAX_MAP_SIZE + " but was " + maxMapSize);
            }
            long maximumError = nonNegative(in.readLong(), "maximum error");
            Map<String, Long> lowerBounds = readCategories(in, "sketch lower bounds");
            if (lowerBounds.size() > maxMapSize * 3 / 4) {
                throw new IllegalArgumentException("a sketch retains at most " + maxMapSize * 3 / 4
                        + " categories but the profile holds " + lowerBounds.size());
            }
            long retained = sum(lowerBounds);
            if (retained > count) {
                throw new IllegalArgumentException("sketch lower bounds must sum to at most count=" + count
                        + " but sum to " + retained);
            }
            return CategoricalProfile.restoreSketch(cap, count, missing, maximumError, lowerBounds);
        }
        throw new IllegalArgumentException("categorical profile mode byte must be " + MODE_EXACT + " (exact) or "
                + MODE_SKETCH + " (sketch) but was " + mode);
    }

    private static Map<String, Long> readCategories(DataInputStream in, String what) throws IOException {
        int distinct = in.readInt();
        if (distinct < 0) {
            throw new IllegalArgumentException("category count must be non-negative but was " + distinct);
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < distinct; i++) {
            int length = in.readInt();
            if (length < 0 || length > MAX_STRING_BYTES) {
                throw new IllegalArgumentException("category byte length must be within [0, " + MAX_STRING_BYTES
                        + "] but was " + length);
            }
            byte[] utf8 = new byte[length];
            in.readFully(utf8);
            String value = new String(utf8, StandardCharsets.UTF_8);
            long n = in.readLong();
            if (n <= 0) {
                throw new IllegalArgumentException(what + " must be positive but '" + value + "' had " + n);
            }
            if (counts.put(value, n) != null) {
                throw new IllegalArgumentException("category '" + value + "' appears twice");
            }
        }
        return counts;
    }

    private static long sum(Map<String, Long> counts) {
        long total = 0;
        for (long n : counts.values()) {
            total += n;
        }
        return total;
    }

    private static void writeHeader(DataOutputStream out, byte type) throws IOException {
        writeHeader(out, FORMAT_VERSION, type);
    }

    private static void writeHeader(DataOutputStream out, short version, byte type) throws IOException {
        out.writeInt(MAGIC);
        out.writeShort(version);
        out.writeByte(type);
    }

    private static long nonNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be non-negative but was " + value);
        }
        return value;
    }

    private static void checkTotal(long total, long count) {
        if (total != count) {
            throw new IllegalArgumentException("distribution must hold count=" + count + " values but holds "
                    + total);
        }
    }
}
