package io.driftwatch.profile;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Binary format of profiles (big-endian, {@link DataOutputStream} encoding). Version 3 holds numeric profiles and
 * sketch-mode categorical profiles; exact categorical profiles are written as version 1 (default cap) or 2 (other
 * caps), byte for byte what earlier builds wrote. Versions 1 and 2 are read, except their sketch-mode bodies (a t-digest
 * or a frequent-items sketch, both dependent on row order), which are refused with a message saying to profile the
 * window again.
 * <pre>
 * header         int magic 0x44575046 ("DWPF"), short format version, byte type (1 numeric, 2 categorical)
 * numeric v3     int cap; long missing, nan, infinite; byte mode, then
 *                  mode 0 (exact):  int n; n x (double value, long count), values strictly ascending
 *                  mode 2 (sketch): double min, max; int shift; int k; k x (varint id gap, varint count), ids
 *                                   ascending (the first gap from 0); sum, sum of squares (int length, two's
 *                                   complement bytes), in units of 2^-1074 and 2^-2148
 * numeric v1     int cap; long count, missing, nan, infinite; double mean, m2, min, max; byte mode, then
 *                  mode 0 (exact):  int n; n x (double value, long count); mean and m2 are not used
 *                  mode 1 (t-digest): refused
 * categorical v1 long count, missing; int n; n x (int length, UTF-8 bytes, long count) in counts() order
 * categorical v2 int cap; long count, missing; byte mode 0 (exact), int n; n x (int length, UTF-8 bytes, long count)
 *                  in counts() order (mode 1, a frequent-items sketch: refused)
 * categorical v3 int cap; long count, missing; byte mode 2 (sketch); int n; n x (int length, UTF-8 bytes, long count)
 *                  named categories ascending; int k; k x (varint bucket gap, varint count), non-empty buckets
 *                  ascending (the first gap from -1)
 * </pre>
 * The bytes are a function of the profile's state, which is a function of the multiset of values added, so the same
 * rows give the same bytes in any order. Decoding checks the invariants (counts add up, no trailing bytes) so a corrupt
 * row fails loudly, not as a bad score.
 */
final class ProfileCodec {

    static final int MAGIC = 0x44575046;
    static final short FORMAT_VERSION = 1;
    /** Version of exact categorical profiles with a non-default cap. */
    static final short CATEGORICAL_FORMAT_VERSION = 2;
    /** Version of numeric profiles and sketch-mode categorical profiles since sketches became order-independent. */
    static final short ORDER_FREE_FORMAT_VERSION = 3;
    static final byte TYPE_NUMERIC = 1;
    static final byte TYPE_CATEGORICAL = 2;
    private static final byte MODE_EXACT = 0;
    private static final byte MODE_ORDER_DEPENDENT_SKETCH = 1;
    private static final byte MODE_SKETCH = 2;
    private static final int MAX_STRING_BYTES = 1 << 20;
    private static final String PROFILE_AGAIN = "; sketches are now independent of row order and cannot be rebuilt"
            + " from it: profile the window again (cached baselines are recomputed by themselves, since the profile"
            + " semantics changed; a night interrupted while an earlier build ran must be finished by that build)";

    private ProfileCodec() {
    }

    static byte[] encode(NumericProfile profile) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            writeHeader(out, ORDER_FREE_FORMAT_VERSION, TYPE_NUMERIC);
            out.writeInt(profile.exactDistinctCap());
            out.writeLong(profile.missing());
            out.writeLong(profile.nanCount());
            out.writeLong(profile.infiniteCount());
            ExactCounts exact = profile.exactCounts();
            if (exact != null) {
                out.writeByte(MODE_EXACT);
                writeExactValues(out, exact);
            } else {
                out.writeByte(MODE_SKETCH);
                out.writeDouble(profile.min());
                out.writeDouble(profile.max());
                BucketSketch sketch = profile.sketch();
                out.writeInt(sketch.shift());
                long[] ids = sketch.sortedIds();
                long[] counts = sketch.sortedCounts();
                out.writeInt(ids.length);
                long previous = 0;
                for (int i = 0; i < ids.length; i++) {
                    writeVarLong(out, ids[i] - previous);
                    writeVarLong(out, counts[i]);
                    previous = ids[i];
                }
                writeBig(out, profile.moments().sum());
                writeBig(out, profile.moments().sumOfSquares());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private static void writeExactValues(DataOutputStream out, ExactCounts exact) throws IOException {
        double[] values = exact.sortedValues();
        long[] counts = exact.sortedCounts();
        out.writeInt(values.length);
        for (int i = 0; i < values.length; i++) {
            out.writeDouble(values[i]);
            out.writeLong(counts[i]);
        }
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
            } else if (profile.isExact()) {
                writeHeader(out, CATEGORICAL_FORMAT_VERSION, TYPE_CATEGORICAL);
                out.writeInt(profile.exactDistinctCap());
                out.writeLong(profile.count());
                out.writeLong(profile.missing());
                out.writeByte(MODE_EXACT);
                writeCategories(out, profile.counts());
            } else {
                writeHeader(out, ORDER_FREE_FORMAT_VERSION, TYPE_CATEGORICAL);
                out.writeInt(profile.exactDistinctCap());
                out.writeLong(profile.count());
                out.writeLong(profile.missing());
                out.writeByte(MODE_SKETCH);
                writeCategories(out, profile.namedCounts());
                long[] buckets = profile.bucketCounts();
                int nonEmpty = 0;
                for (long n : buckets) {
                    nonEmpty += n > 0 ? 1 : 0;
                }
                out.writeInt(nonEmpty);
                int previous = -1;
                for (int i = 0; i < buckets.length; i++) {
                    if (buckets[i] > 0) {
                        writeVarLong(out, i - previous);
                        writeVarLong(out, buckets[i]);
                        previous = i;
                    }
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
            if (version != FORMAT_VERSION && version != CATEGORICAL_FORMAT_VERSION
                    && version != ORDER_FREE_FORMAT_VERSION) {
                throw new IllegalArgumentException("unsupported profile format version " + version
                        + "; this build reads versions " + FORMAT_VERSION + ", " + CATEGORICAL_FORMAT_VERSION
                        + " (categorical only) and " + ORDER_FREE_FORMAT_VERSION);
            }
            byte type = in.readByte();
            if (version == CATEGORICAL_FORMAT_VERSION && type != TYPE_CATEGORICAL) {
                throw new IllegalArgumentException("profile format version " + version
                        + " holds categorical profiles only, but the type byte was " + type);
            }
            FeatureProfile profile = switch (type) {
                case TYPE_NUMERIC -> version == FORMAT_VERSION ? readNumericV1(in) : readNumericV3(in);
                case TYPE_CATEGORICAL -> switch (version) {
                    case FORMAT_VERSION -> readCategoricalV1(in);
                    case CATEGORICAL_FORMAT_VERSION -> readCategoricalV2(in);
                    default -> readCategoricalV3(in);
                };
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

    private static NumericProfile readNumericV1(DataInputStream in) throws IOException {
        int cap = readNumericCap(in);
        long count = nonNegative(in.readLong(), "count");
        long missing = nonNegative(in.readLong(), "missing");
        long nan = nonNegative(in.readLong(), "nan count");
        long infinite = nonNegative(in.readLong(), "infinite count");
        in.skipNBytes(4 * Double.BYTES); // mean, m2, min, max: recomputed from the exact values
        byte mode = in.readByte();
        if (mode == MODE_ORDER_DEPENDENT_SKETCH) {
            throw new IllegalArgumentException("numeric profile of format 1 holds a t-digest, which depends on the"
                    + " order of rows" + PROFILE_AGAIN);
        }
        if (mode != MODE_EXACT) {
            throw new IllegalArgumentException("numeric profile mode byte of format 1 must be " + MODE_EXACT
                    + " (exact) or " + MODE_ORDER_DEPENDENT_SKETCH + " (t-digest) but was " + mode);
        }
        NumericProfile profile = NumericProfile.restoreExact(cap, missing, nan, infinite, readExactValues(in, cap));
        checkTotal(profile.count(), count);
        return profile;
    }

    private static NumericProfile readNumericV3(DataInputStream in) throws IOException {
        int cap = readNumericCap(in);
        long missing = nonNegative(in.readLong(), "missing");
        long nan = nonNegative(in.readLong(), "nan count");
        long infinite = nonNegative(in.readLong(), "infinite count");
        byte mode = in.readByte();
        if (mode == MODE_EXACT) {
            return NumericProfile.restoreExact(cap, missing, nan, infinite, readExactValues(in, cap));
        }
        if (mode != MODE_SKETCH) {
            throw new IllegalArgumentException("numeric profile mode byte must be " + MODE_EXACT + " (exact) or "
                    + MODE_SKETCH + " (sketch) but was " + mode);
        }
        double min = in.readDouble();
        double max = in.readDouble();
        if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
            throw new IllegalArgumentException("sketch min and max must be finite with min <= max but were " + min
                    + " and " + max);
        }
        int shift = in.readInt();
        if (shift < BucketSketch.MIN_SHIFT || shift > 63) {
            throw new IllegalArgumentException("sketch shift must be within [" + BucketSketch.MIN_SHIFT
                    + ", 63] but was " + shift);
        }
        int k = in.readInt();
        if (k < 1 || k > BucketSketch.MAX_BUCKETS) {
            throw new IllegalArgumentException("sketch buckets must be within [1, " + BucketSketch.MAX_BUCKETS
                    + "] but were " + k);
        }
        long[] ids = new long[k];
        long[] counts = new long[k];
        long previous = 0;
        for (int i = 0; i < k; i++) {
            long gap = readVarLong(in);
            if ((i > 0 && gap <= 0) || gap < 0 || previous + gap > (-1L >>> shift)) {
                throw new IllegalArgumentException("sketch bucket ids must ascend within the key range, but bucket "
                        + i + " followed " + previous + " by " + gap);
            }
            ids[i] = previous + gap;
            counts[i] = readVarLong(in);
            if (counts[i] <= 0) {
                throw new IllegalArgumentException("sketch bucket counts must be positive but bucket " + i + " had "
                        + counts[i]);
            }
            previous = ids[i];
        }
        ExactMoments moments = ExactMoments.of(readBig(in), readBig(in));
        return NumericProfile.restoreSketch(cap, missing, nan, infinite, min, max,
                BucketSketch.restore(shift, ids, counts), moments);
    }

    private static int readNumericCap(DataInputStream in) throws IOException {
        int cap = in.readInt();
        if (cap < 1 || cap > NumericProfile.MAX_EXACT_DISTINCT_CAP) {
            throw new IllegalArgumentException("numeric profile cap must be within [1, "
                    + NumericProfile.MAX_EXACT_DISTINCT_CAP + "] but was " + cap);
        }
        return cap;
    }

    private static ExactCounts readExactValues(DataInputStream in, int cap) throws IOException {
        int distinct = in.readInt();
        if (distinct < 0 || distinct > cap) {
            throw new IllegalArgumentException("exact distinct values must be within [0, " + cap
                    + "] (the cap) but was " + distinct);
        }
        ExactCounts exact = new ExactCounts();
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
            previous = value;
        }
        return exact;
    }

    private static CategoricalProfile readCategoricalV1(DataInputStream in) throws IOException {
        long count = nonNegative(in.readLong(), "count");
        long missing = nonNegative(in.readLong(), "missing");
        Map<String, Long> counts = readCategories(in, "category counts");
        checkTotal(sum(counts), count);
        return CategoricalProfile.restore(CategoricalProfile.DEFAULT_EXACT_DISTINCT_CAP, missing, counts);
    }

    private static CategoricalProfile readCategoricalV2(DataInputStream in) throws IOException {
        int cap = readCategoricalCap(in);
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
        }
        if (mode == MODE_ORDER_DEPENDENT_SKETCH) {
            throw new IllegalArgumentException("categorical profile of format 2 holds a frequent-items sketch, which"
                    + " depends on the order of rows" + PROFILE_AGAIN);
        }
        throw new IllegalArgumentException("categorical profile mode byte of format 2 must be " + MODE_EXACT
                + " (exact) but was " + mode);
    }

    private static int readCategoricalCap(DataInputStream in) throws IOException {
        int cap = in.readInt();
        if (cap < 1 || cap > CategoricalProfile.MAX_EXACT_DISTINCT_CAP) {
            throw new IllegalArgumentException("categorical profile cap must be within [1, "
                    + CategoricalProfile.MAX_EXACT_DISTINCT_CAP + "] but was " + cap);
        }
        return cap;
    }

    private static CategoricalProfile readCategoricalV3(DataInputStream in) throws IOException {
        int cap = readCategoricalCap(in);
        long count = nonNegative(in.readLong(), "count");
        long missing = nonNegative(in.readLong(), "missing");
        byte mode = in.readByte();
        if (mode != MODE_SKETCH) {
            throw new IllegalArgumentException("categorical profile mode byte of format 3 must be " + MODE_SKETCH
                    + " (sketch) but was " + mode);
        }
        Map<String, Long> named = readCategories(in, "named category counts");
        int nonEmpty = in.readInt();
        if (nonEmpty < 0 || nonEmpty > CategoricalProfile.BUCKETS) {
            throw new IllegalArgumentException("non-empty buckets must be within [0, " + CategoricalProfile.BUCKETS
                    + "] but were " + nonEmpty);
        }
        long[] buckets = new long[CategoricalProfile.BUCKETS];
        int previous = -1;
        for (int i = 0; i < nonEmpty; i++) {
            long gap = readVarLong(in);
            long n = readVarLong(in);
            int index = (int) Math.min(Integer.MAX_VALUE, previous + Math.max(0, gap));
            if (gap <= 0 || index >= CategoricalProfile.BUCKETS || n <= 0) {
                throw new IllegalArgumentException("buckets must ascend within [0, " + CategoricalProfile.BUCKETS
                        + ") with positive counts but bucket " + index + " after " + previous + " had " + n);
            }
            buckets[index] = n;
            previous = index;
        }
        CategoricalProfile profile = CategoricalProfile.restoreSketch(cap, missing, named, buckets);
        checkTotal(profile.count(), count);
        return profile;
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

    private static void writeVarLong(DataOutputStream out, long value) throws IOException {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.writeByte((int) (rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out.writeByte((int) rest);
    }

    private static long readVarLong(DataInputStream in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("a variable-length number is longer than 10 bytes");
    }

    private static void writeBig(DataOutputStream out, BigInteger value) throws IOException {
        byte[] bytes = value.toByteArray();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static BigInteger readBig(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 1 || length > 1024) {
            throw new IllegalArgumentException("exact sum length must be within [1, 1024] bytes but was " + length);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new BigInteger(bytes);
    }

    private static long sum(Map<String, Long> counts) {
        long total = 0;
        for (long n : counts.values()) {
            total += n;
        }
        return total;
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
