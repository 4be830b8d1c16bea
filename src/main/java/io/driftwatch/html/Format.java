package io.driftwatch.html;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Numbers, shares and instants as a person reads them on the page (English, thousands separators, units). */
public final class Format {

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT);

    private Format() {
    }

    /** A count with thousands separators: {@code 20,000}; "–" for null. */
    public static String count(Long n) {
        return n == null ? "–" : String.format(Locale.ROOT, "%,d", n);
    }

    /** A count with thousands separators. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A share as a percentage with one decimal: {@code 12.5 %}; "–" for null. */
    public static String percent(Double share) {
        return share == null ? "–" : String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    /**
     * A measured number with four significant digits, thousands separators for large values and scientific
     * notation for tiny ones: {@code 0.3412}, {@code 52,310}, {@code 1.2e-07}; "–" for null, and "∞" for infinities.
     */
    public static String number(Double x) {
        if (x == null || x.isNaN()) {
            return "–";
        }
        if (x.isInfinite()) {
            return x > 0 ? "∞" : "−∞";
        }
        double a = Math.abs(x);
        if (a == 0) {
            return "0";
        }
        if (a < 1e-4) {
            return String.format(Locale.ROOT, "%.2g", x).replace("e-0", "e-");
        }
        if (a >= 1e4) {
            return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(x);
        }
        String text = new java.math.BigDecimal(x).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        return text;
    }

    /** Seconds as milliseconds below one second: {@code 210 ms}, {@code 1.35 s}; "–" for null. */
    public static String seconds(Double s) {
        if (s == null) {
            return "–";
        }
        return s < 1 ? String.format(Locale.ROOT, "%.0f ms", s * 1000) : String.format(Locale.ROOT, "%.2f s", s);
    }

    /** An instant in the configured zone: {@code 2026-12-04 00:00 UTC}; "–" for null. */
    public static String instant(Instant instant, ZoneId zone) {
        return instant == null ? "–" : INSTANT.format(instant.atZone(zone));
    }

    /** A byte count: {@code 184 KB}. */
    public static String bytes(long n) {
        return n < 10_000 ? n + " B" : n < 10_000_000 ? Math.round(n / 1024.0) + " KB"
                : String.format(Locale.ROOT, "%.1f MB", n / 1024.0 / 1024.0);
    }

    /** A number for SVG coordinates: at most one decimal, no trailing zero. */
    static String coord(double x) {
        long tenths = Math.round(x * 10);
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : (tenths / 10.0 + "");
    }
}
