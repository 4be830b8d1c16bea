package io.driftwatch.config;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule for {@code source.query} and {@code baseline.query}: one SELECT (or WITH ... SELECT)
 * statement and nothing else. Comments, string literals and quoted identifiers are skipped when the
 * text is scanned, so a ';' or a keyword inside them is harmless. The check is a guard for mistakes,
 * not the security boundary: the feature connection's read-only transaction (and, in production, a
 * role with only SELECT) is what makes a query unable to write.
 */
public final class QueryText {

    /** Words that make a statement write, lock or leave the read path, wherever they appear outside literals. */
    private static final Set<String> FORBIDDEN = Set.of("insert", "update", "delete", "merge", "truncate", "drop",
            "alter", "create", "grant", "revoke", "copy", "call", "into", "attach", "detach");

    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    private QueryText() {
    }

    /**
     * Why {@code sql} is not a single read-only SELECT, or null when it is.
     */
    public static String problem(String sql) {
        if (sql == null || sql.isBlank()) {
            return "the query is empty";
        }
        String code = codeOnly(sql);
        if (code == null) {
            return "the query has an unterminated string, quoted name or comment";
        }
        String trimmed = code.strip();
        while (trimmed.endsWith(";")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
        }
        if (trimmed.contains(";")) {
            return "the query holds more than one statement (a ';' separates statements)";
        }
        Matcher first = WORD.matcher(trimmed.replaceFirst("^\\(+\\s*", ""));
        String firstWord = first.lookingAt() ? first.group().toLowerCase(Locale.ROOT) : "";
        if (!firstWord.equals("select") && !firstWord.equals("with")) {
            return "the query must be a SELECT or WITH statement, not " + (firstWord.isEmpty() ? "'" + abbreviate(trimmed)
                    + "'" : firstWord.toUpperCase(Locale.ROOT));
        }
        Matcher words = WORD.matcher(trimmed);
        while (words.find()) {
            String word = words.group().toLowerCase(Locale.ROOT);
            if (FORBIDDEN.contains(word)) {
                return "the query uses " + word.toUpperCase(Locale.ROOT) + ", which writes or locks; only reading SELECTs"
                        + " are monitored (a column of that name must be written as a quoted name, \"" + word + "\")";
            }
        }
        return null;
    }

    /**
     * The statement without trailing ';' (and comments after it), as it is wrapped in a subquery. Call on text
     * that {@link #problem} accepted.
     */
    public static String statement(String sql) {
        String code = codeOnly(sql);
        int end = code.length();
        while (end > 0 && (Character.isWhitespace(code.charAt(end - 1)) || code.charAt(end - 1) == ';')) {
            end--;
        }
        return sql.substring(0, end);
    }

    /**
     * The text with comments, string literals and quoted identifiers blanked out, character for character (a
     * position in it is the same position in {@code sql}); null when one is unterminated.
     */
    static String codeOnly(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int end;
            char fill = ' ';
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int newline = sql.indexOf('\n', i);
                end = newline < 0 ? n : newline;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                if (close < 0) {
                    return null;
                }
                end = close + 2;
            } else if (c == '\'' || c == '"') {
                int j = i + 1;
                while (true) {
                    if (j >= n) {
                        return null;
                    }
                    if (sql.charAt(j) == c) {
                        if (j + 1 < n && sql.charAt(j + 1) == c) {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                end = j + 1;
                // A quoted name stays a name (its letters are not keywords); a literal becomes blanks.
                fill = c == '"' ? 'q' : ' ';
            } else if (c == '$' && dollarTag(sql, i) != null) {
                String tag = dollarTag(sql, i);
                int close = sql.indexOf(tag, i + tag.length());
                if (close < 0) {
                    return null;
                }
                end = close + tag.length();
            } else {
                out.append(c);
                i++;
                continue;
            }
            for (int k = i; k < end; k++) {
                out.append(sql.charAt(k) == '\n' ? '\n' : fill);
            }
            i = end;
        }
        return out.toString();
    }

    /** PostgreSQL's {@code $tag$} opening a dollar-quoted string at {@code i}, or null. */
    private static String dollarTag(String sql, int i) {
        if (i > 0 && (Character.isLetterOrDigit(sql.charAt(i - 1)) || sql.charAt(i - 1) == '_')) {
            return null;
        }
        int j = i + 1;
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        return j < sql.length() && sql.charAt(j) == '$' ? sql.substring(i, j + 1) : null;
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 40) + "...";
    }
}
