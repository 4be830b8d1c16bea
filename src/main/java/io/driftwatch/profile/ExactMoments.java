package io.driftwatch.profile;

import java.math.BigInteger;

/**
 * The exact sum and sum of squares of finite doubles, as integers in units of 2^-1074 and 2^-2148 (the smallest
 * double and its square), so every finite value and its square are whole numbers of units.
 * <p>
 * Why: a floating-point sum depends on the order of its terms, so a mean or standard deviation built from one (as
 * Welford's recurrence) differs in its last bits when the same rows arrive in another order or slicing. Integer sums
 * do not: the state, the bytes and every mean or deviation derived from them are functions of the multiset of values.
 * <p>
 * Values enter 32 bits at a time into signed 64-bit limbs without carrying, so an update is a few shifts and three
 * (sum) or five (squares) additions; carries are propagated every {@value #CARRY_EVERY} updates, before a limb could
 * overflow, and whenever the sums are read. Multiplicities and merges go through {@link BigInteger}. Not thread-safe.
 */
final class ExactMoments {

    /** Limbs of 32 bits: a value spans bits 0..2098 of its sum's unit, plus 63 bits of headroom for the count. */
    private static final int SUM_LIMBS = (2099 + 63) / 32 + 2;
    /** A square spans bits 0..4196 in units of 2^-2148, plus headroom. */
    private static final int SQUARE_LIMBS = (4197 + 63) / 32 + 2;
    private static final long LOW_32 = 0xFFFF_FFFFL;
    /** Each update adds less than 2^32 to a limb, so 2^30 updates cannot overflow one. */
    static final int CARRY_EVERY = 1 << 30;

    /** Values added one at a time are buffered and summed this many at once (see {@link #add(double)}). */
    static final int BUFFERED = 512;

    private final long[] sum = new long[SUM_LIMBS];
    private final long[] squares = new long[SQUARE_LIMBS];
    private int sinceCarry;
    private double[] pending;
    private int pendingCount;

    /**
     * Adds one finite value other than -0.0. Values are buffered and summed {@value #BUFFERED} at a time: the limbs a
     * value touches are then in the CPU cache for the rest of the batch, which matters when many profiles are filled
     * side by side (a feature in each of many segments). The sums are the same either way (integer addition).
     */
    void add(double value) {
        if (pending == null) {
            pending = new double[BUFFERED];
        }
        pending[pendingCount++] = value;
        if (pendingCount == BUFFERED) {
            flush();
        }
    }

    private void flush() {
        for (int i = 0; i < pendingCount; i++) {
            addNow(pending[i]);
        }
        pendingCount = 0;
    }

    private void addNow(double value) {
        long bits = Double.doubleToRawLongBits(value);
        int biased = (int) (bits >>> 52) & 0x7FF;
        long mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
        if (biased != 0) {
            mantissa |= 1L << 52;
        }
        if (mantissa == 0) {
            return;
        }
        // value = ±mantissa * 2^(position - 1074); its square = mantissa^2 * 2^(2 * position - 2148).
        int position = biased == 0 ? 0 : biased - 1;
        addSum(mantissa, position, bits < 0);
        addSquare(mantissa, 2 * position);
        if (++sinceCarry == CARRY_EVERY) {
            carry(sum);
            carry(squares);
            sinceCarry = 0;
        }
    }

    /** Adds {@code multiplicity} copies of a finite value other than -0.0. */
    void add(double value, long multiplicity) {
        if (multiplicity == 1) {
            add(value);
            return;
        }
        BigInteger[] units = units(value);
        BigInteger times = BigInteger.valueOf(multiplicity);
        addBig(sum, units[0].multiply(times));
        addBig(squares, units[1].multiply(times));
    }

    /** Adds every value of {@code other} (which may be this). */
    void addAll(ExactMoments other) {
        BigInteger otherSum = other.sum();
        BigInteger otherSquares = other.sumOfSquares();
        addBig(sum, otherSum);
        addBig(squares, otherSquares);
    }

    /** The sum in units of 2^-1074. */
    BigInteger sum() {
        flush();
        carry(sum);
        return toBig(sum);
    }

    /** The sum of squares in units of 2^-2148. */
    BigInteger sumOfSquares() {
        flush();
        carry(squares);
        return toBig(squares);
    }

    /** Rebuilds sums read back from {@link #sum()} and {@link #sumOfSquares()}. */
    static ExactMoments of(BigInteger sum, BigInteger sumOfSquares) {
        if (sumOfSquares.signum() < 0) {
            throw new IllegalArgumentException("sum of squares must not be negative but was " + sumOfSquares);
        }
        if (sum.bitLength() >= SUM_LIMBS * 32 - 1 || sumOfSquares.bitLength() >= SQUARE_LIMBS * 32 - 1) {
            throw new IllegalArgumentException("sums are larger than any count of finite doubles can make");
        }
        ExactMoments moments = new ExactMoments();
        addBig(moments.sum, sum);
        addBig(moments.squares, sumOfSquares);
        return moments;
    }

    /** The exact sums of a multiset of values with multiplicities (ascending distinct values, no -0.0). */
    static ExactMoments of(double[] values, long[] multiplicities) {
        ExactMoments moments = new ExactMoments();
        for (int i = 0; i < values.length; i++) {
            moments.add(values[i], multiplicities[i]);
        }
        return moments;
    }

    /** The mean of {@code count} values, the exact sum divided by the count and rounded once; NaN if count is 0. */
    double mean(long count) {
        if (count == 0) {
            return Double.NaN;
        }
        return quotient(sum(), BigInteger.valueOf(count), -1074);
    }

    /**
     * The population standard deviation of {@code count} values: {@code sqrt(n * Σx² − (Σx)²) / n}, with the
     * difference exact, so it is 0 for identical values and never cancels catastrophically; NaN if count is 0.
     */
    double populationStd(long count) {
        if (count == 0) {
            return Double.NaN;
        }
        BigInteger n = BigInteger.valueOf(count);
        BigInteger s = sum();
        BigInteger scaledVariance = sumOfSquares().multiply(n).subtract(s.multiply(s)); // n² var in 2^-2148 units
        if (scaledVariance.signum() <= 0) {
            return 0.0;
        }
        // sqrt with at least 66 significant bits: sqrt(v * 4^k) = sqrt(v) * 2^k.
        int k = Math.max(0, (132 - scaledVariance.bitLength() + 1) / 2);
        BigInteger root = scaledVariance.shiftLeft(2 * k).sqrt();
        return quotient(root, n, -1074 - k);
    }

    /** {@code numerator / denominator * 2^exponent} rounded to a double; the denominator is positive. */
    static double quotient(BigInteger numerator, BigInteger denominator, int exponent) {
        if (numerator.signum() == 0) {
            return 0.0;
        }
        BigInteger magnitude = numerator.abs();
        // At least 66 bits of quotient, then a sticky bit for a non-zero remainder, so rounding to 53 bits is right.
        int shift = Math.max(0, 66 + denominator.bitLength() - magnitude.bitLength());
        BigInteger[] divided = magnitude.shiftLeft(shift).divideAndRemainder(denominator);
        BigInteger quotient = divided[0].shiftLeft(1);
        if (divided[1].signum() != 0) {
            quotient = quotient.setBit(0);
        }
        // Keep 64 bits at most so the conversion below never overflows; the dropped bits only set the sticky bit.
        int excess = Math.max(0, quotient.bitLength() - 64);
        if (excess > 0) {
            boolean sticky = quotient.getLowestSetBit() < excess;
            quotient = quotient.shiftRight(excess);
            if (sticky) {
                quotient = quotient.setBit(0);
            }
        }
        double value = Math.scalb(quotient.doubleValue(), exponent - shift - 1 + excess);
        return numerator.signum() < 0 ? -value : value;
    }

    private void addSum(long mantissa, int position, boolean negative) {
        int limb = position >>> 5;
        int shift = position & 31;
        long low = mantissa << shift;
        long high = shift == 0 ? 0 : mantissa >>> (64 - shift);
        if (negative) {
            sum[limb] -= low & LOW_32;
            sum[limb + 1] -= low >>> 32;
            sum[limb + 2] -= high;
        } else {
            sum[limb] += low & LOW_32;
            sum[limb + 1] += low >>> 32;
            sum[limb + 2] += high;
        }
    }

    private void addSquare(long mantissa, int position) {
        long lowProduct = mantissa * mantissa;
        long highProduct = Math.multiplyHigh(mantissa, mantissa);
        int limb = position >>> 5;
        int shift = position & 31;
        long w0 = lowProduct << shift;
        long w1 = shift == 0 ? highProduct : (highProduct << shift) | (lowProduct >>> (64 - shift));
        long w2 = shift == 0 ? 0 : highProduct >>> (64 - shift);
        squares[limb] += w0 & LOW_32;
        squares[limb + 1] += w0 >>> 32;
        squares[limb + 2] += w1 & LOW_32;
        squares[limb + 3] += w1 >>> 32;
        squares[limb + 4] += w2;
    }

    /** The value in units: {sum units, square units}, from its bits. */
    private static BigInteger[] units(double value) {
        long bits = Double.doubleToRawLongBits(value);
        int biased = (int) (bits >>> 52) & 0x7FF;
        long mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
        if (biased != 0) {
            mantissa |= 1L << 52;
        }
        int position = biased == 0 ? 0 : biased - 1;
        BigInteger m = BigInteger.valueOf(mantissa);
        BigInteger sumUnits = m.shiftLeft(position);
        return new BigInteger[]{bits < 0 ? sumUnits.negate() : sumUnits, m.multiply(m).shiftLeft(2 * position)};
    }

    /** Propagates carries so every limb but the last holds 32 bits; the last keeps the sign. */
    private static void carry(long[] limbs) {
        for (int i = 0; i < limbs.length - 1; i++) {
            long carry = limbs[i] >> 32;
            limbs[i] &= LOW_32;
            limbs[i + 1] += carry;
        }
    }

    private static BigInteger toBig(long[] limbs) {
        // Normalized limbs: a two's complement number, the last limb sign-extended.
        byte[] bytes = new byte[limbs.length * 4];
        for (int i = 0; i < limbs.length; i++) {
            int word = (int) limbs[i];
            int at = bytes.length - 4 * (i + 1);
            bytes[at] = (byte) (word >>> 24);
            bytes[at + 1] = (byte) (word >>> 16);
            bytes[at + 2] = (byte) (word >>> 8);
            bytes[at + 3] = (byte) word;
        }
        return new BigInteger(bytes);
    }

    private static void addBig(long[] limbs, BigInteger value) {
        carry(limbs);
        BigInteger total = toBig(limbs).add(value);
        for (int i = 0; i < limbs.length; i++) {
            limbs[i] = i == limbs.length - 1 ? total.shiftRight(32 * i).longValue()
                    : total.shiftRight(32 * i).longValue() & LOW_32;
        }
    }
}
