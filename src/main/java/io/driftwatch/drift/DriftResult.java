package io.driftwatch.drift;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one drift method on one feature.
 *
 * @param method     the method's configuration name
 * @param convention the conventions that shaped the score (see {@link DriftMethod})
 * @param status     whether a score exists
 * @param score      the score, non-null and finite exactly when {@code status} is {@link DriftStatus#OK}
 * @param threshold  the alert threshold that was applied, finite and non-negative
 * @param pValue     a p-value in [0, 1] for methods that produce one, otherwise null; it may accompany an
 *                   {@link DriftStatus#UNDEFINED} result (e.g. p = 0 where the statistic is infinite)
 * @param drifted    whether the feature counts as drifted; always false for {@link DriftStatus#INSUFFICIENT_DATA}
 *                   and {@link DriftStatus#UNSUPPORTED}
 * @param details    JSON-ready extra information: String keys; values that are String, Number (finite), Boolean,
 *                   List or Map of the same, no nulls. Deep-copied into unmodifiable, insertion-ordered collections.
 * @param severity   {@link Severity#ALERT} exactly when drifted; {@link Severity#WARN} only for an OK, undrifted
 *                   result whose score or p-value crossed the warn threshold of its {@link MethodSettings}
 */
public record DriftResult(String method, String convention, DriftStatus status, Double score, double threshold,
                          Double pValue, boolean drifted, Map<String, Object> details, Severity severity) {

    /** Key under which non-OK results explain themselves. */
    public static final String REASON = "reason";

    public DriftResult {
        requireText(method, "method");
        requireText(convention, "convention");
        if (status == null) {
            throw new IllegalArgumentException("status must not be null");
        }
        if (status == DriftStatus.OK) {
            if (score == null || !Double.isFinite(score)) {
                throw new IllegalArgumentException("an OK result must have a finite score but had " + score);
            }
        } else if (score != null) {
            throw new IllegalArgumentException("only OK results carry a score, but " + status + " had " + score);
        }
        if (!Double.isFinite(threshold) || threshold < 0) {
            throw new IllegalArgumentException("threshold must be finite and non-negative but was " + threshold);
        }
        if (pValue != null && !(pValue >= 0.0 && pValue <= 1.0)) {
            throw new IllegalArgumentException("p-value must be within [0, 1] but was " + pValue);
        }
        if ((status == DriftStatus.INSUFFICIENT_DATA || status == DriftStatus.UNSUPPORTED) && drifted) {
            throw new IllegalArgumentException("an " + status + " result cannot be drifted");
        }
        if (severity == null) {
            severity = drifted ? Severity.ALERT : Severity.NONE;
        }
        if ((severity == Severity.ALERT) != drifted) {
            throw new IllegalArgumentException("severity must be ALERT exactly when drifted, but was " + severity
                    + " with drifted=" + drifted);
        }
        if (severity == Severity.WARN && status != DriftStatus.OK) {
            throw new IllegalArgumentException("only OK results can warn, but a " + status + " result had WARN");
        }
        details = details == null ? Map.of() : copyMap(details, "details");
    }

    /** A result whose severity follows from {@code drifted} alone (ALERT or NONE). */
    public DriftResult(String method, String convention, DriftStatus status, Double score, double threshold,
                       Double pValue, boolean drifted, Map<String, Object> details) {
        this(method, convention, status, score, threshold, pValue, drifted, details, null);
    }

    /** A scored result. */
    public static DriftResult ok(String method, String convention, double score, double threshold, Double pValue,
                                 boolean drifted, Map<String, Object> details) {
        return new DriftResult(method, convention, DriftStatus.OK, score, threshold, pValue, drifted, details);
    }

    /** A scored result without a p-value. */
    public static DriftResult ok(String method, String convention, double score, double threshold, boolean drifted,
                                 Map<String, Object> details) {
        return ok(method, convention, score, threshold, null, drifted, details);
    }

    /** A window had no usable values; details hold only the reason. */
    public static DriftResult insufficientData(String method, String convention, double threshold, String reason) {
        return insufficientData(method, convention, threshold, reason, Map.of());
    }

    /** A window had no usable values (or fewer than the minimum); the reason is added to {@code details}. */
    public static DriftResult insufficientData(String method, String convention, double threshold, String reason,
                                               Map<String, Object> details) {
        return new DriftResult(method, convention, DriftStatus.INSUFFICIENT_DATA, null, threshold, null, false,
                withReason(reason, details));
    }

    /** The score has no finite value; details hold only the reason. */
    public static DriftResult undefined(String method, String convention, double threshold, boolean drifted,
                                        String reason) {
        return undefined(method, convention, threshold, drifted, reason, Map.of());
    }

    /** The score has no finite value; the reason is added to {@code details}. */
    public static DriftResult undefined(String method, String convention, double threshold, boolean drifted,
                                        String reason, Map<String, Object> details) {
        return undefined(method, convention, threshold, null, drifted, reason, details);
    }

    /** The score has no finite value but a p-value exists (e.g. an infinite statistic with p = 0). */
    public static DriftResult undefined(String method, String convention, double threshold, Double pValue,
                                        boolean drifted, String reason, Map<String, Object> details) {
        return new DriftResult(method, convention, DriftStatus.UNDEFINED, null, threshold, pValue, drifted,
                withReason(reason, details));
    }

    /** The method cannot answer honestly for these profiles (e.g. an exact test on a sketch); never drifted. */
    public static DriftResult unsupported(String method, String convention, double threshold, String reason,
                                          Map<String, Object> details) {
        return new DriftResult(method, convention, DriftStatus.UNSUPPORTED, null, threshold, null, false,
                withReason(reason, details));
    }

    /** A copy with another severity; it must agree with {@code drifted} and the status as the constructor demands. */
    public DriftResult withSeverity(Severity value) {
        return new DriftResult(method, convention, status, score, threshold, pValue, drifted, details, value);
    }

    /** A copy with extra details appended (existing keys keep their values and position). */
    public DriftResult withDetails(Map<String, Object> extra) {
        Map<String, Object> combined = new LinkedHashMap<>(details);
        extra.forEach(combined::putIfAbsent);
        return new DriftResult(method, convention, status, score, threshold, pValue, drifted, combined, severity);
    }

    private static Map<String, Object> withReason(String reason, Map<String, Object> details) {
        requireText(reason, "reason");
        Map<String, Object> combined = new LinkedHashMap<>();
        combined.put(REASON, reason);
        if (details != null) {
            details.forEach((key, value) -> {
                if (!REASON.equals(key)) {
                    combined.put(key, value);
                }
            });
        }
        return combined;
    }

    private static Map<String, Object> copyMap(Map<?, ?> source, String path) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : source.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException(path + " keys must be strings but found " + entry.getKey());
            }
            copy.put(key, copyValue(entry.getValue(), path + "." + key));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Object copyValue(Object value, String path) {
        if (value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (!Double.isFinite(number)) {
                throw new IllegalArgumentException(path + " must be a finite number but was " + number);
            }
            return value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigDecimal || value instanceof BigInteger) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            return copyMap(map, path);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(copyValue(list.get(i), path + "[" + i + "]"));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException(path + " must be a String, finite Number, Boolean, List or Map but was "
                + (value == null ? "null" : value.getClass().getName()));
    }

    private static void requireText(String text, String name) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank but was "
                    + (text == null ? "null" : "'" + text + "'"));
        }
    }
}
