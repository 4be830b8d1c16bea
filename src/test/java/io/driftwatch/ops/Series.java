package io.driftwatch.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One time series as Prometheus stores it: a metric name and its labels, empty-valued labels dropped
 * (the Pushgateway exposes {@code instance=""}, which a scrape with honor_labels stores as no label).
 * Written in the series notation that promtool's input_series and the text exposition format share.
 */
record Series(String name, Map<String, String> labels) {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)$");
    private static final Pattern SELECTOR = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    Series {
        labels = new TreeMap<>(labels);
        labels.values().removeIf(String::isEmpty);
    }

    /** Parses {@code name{a="b",...}}. */
    static Series parse(String text) {
        Matcher m = SELECTOR.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a series: " + text);
        }
        return new Series(m.group(1), labels(m.group(3)));
    }

    /** The samples of a text exposition (a Pushgateway's /metrics), series to value. */
    static Map<Series, String> samples(String exposition) {
        Map<Series, String> samples = new LinkedHashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("not a sample line: " + line);
            }
            samples.put(new Series(m.group(1), labels(m.group(3))), m.group(4));
        }
        return samples;
    }

    private static Map<String, String> labels(String body) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (body != null) {
            Matcher m = LABEL.matcher(body);
            while (m.find()) {
                labels.put(m.group(1), m.group(2));
            }
        }
        return labels;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(name).append('{');
        labels.forEach((k, v) -> text.append(text.charAt(text.length() - 1) == '{' ? "" : ",")
                .append(k).append("=\"").append(v).append('"'));
        return text.append('}').toString();
    }
}
