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
 * Binary format of profiles, version 1 (big-endian, {@link DataOutputStream} encoding).
 * <pre>
 * header      int magic 0x44575046 ("DWPF"), short format version, byte type (1 numeric, 2 categorical)
 * numeric     int cap; long count, missing, nan, infinite; double mean, m2, min, max; byte mode, then
 *               mode 0 (exact):  int n; n x (double value, long count), values strictly ascending
 *               mode 1 (sketch): int length; length bytes of MergingDigest.asBytes
 * categorical long count, missing; int n; n x (int length, UTF-8 bytes, long count) in counts() order
 * </pre>
 * Decoding checks the invariants (counts add up, no trailing bytes) so a corrupt row fails loudly, not as a bad score.
 */
final class ProfileCodec {

    static final int MAGIC = 0x44575046;
    static final short FORMAT_VERSION = 1;
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
            writeHeader(out, TYPE_CATEGORICAL);
            out.writeLong(profile.count());
            out.writeLong(profile.missing());
            Map<String, Long> counts = profile.counts();
            out.writeInt(counts.size());
            for (Map.Entry<String, Long> entry : counts.entrySet()) {
                // Not writeUTF: it caps strings at 65,535 bytes and uses modified UTF-8.
                byte[] utf8 = entry.getKey().getBytes(StandardCharsets.UTF_8);
                out.writeInt(utf8.length);
                out.write(utf8);
                out.writeLong(entry.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
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
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException("unsupported profile format version " + version
                        + "; this build reads version " + FORMAT_VERSION);
            }
            byte type = in.readByte();
            FeatureProfile profile = switch (type) {
                case TYPE_NUMERIC -> readNumeric(in);
                case TYPE_CATEGORICAL -> readCategorical(in);
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

    private static CategoricalProfile readCategorical(DataInputStream in) throws IOException {
        long count = nonNegative(in.readLong(), "count");
        long missing = nonNegative(in.readLong(), "missing");
        int distinct = in.readInt();
        if (distinct < 0) {
            throw new IllegalArgumentException("category count must be non-negative but was " + distinct);
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        long total = 0;
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
                throw new IllegalArgumentException("category counts must be positive but '" + value + "' had " + n);
            }
            if (counts.put(value, n) != null) {
                throw new IllegalArgumentException("category '" + value + "' appears twice");
            }
            total += n;
        }
        checkTotal(total, count);
        return CategoricalProfile.restore(missing, counts);
    }

    private static void writeHeader(DataOutputStream out, byte type) throws IOException {
        out.writeInt(MAGIC);
        out.writeShort(FORMAT_VERSION);
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
