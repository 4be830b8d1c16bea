package io.driftwatch.db;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A table or column name that came from configuration, checked against a conservative grammar
 * (letters, digits and underscores, optionally schema-qualified with one dot) and always emitted
 * double-quoted, so that configuration can never inject SQL. Names are kept as written; the schema
 * inspector resolves them to the database's exact spelling before any query uses them.
 */
public record SqlIdentifier(List<String> parts) {

    private static final Pattern PART = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    public SqlIdentifier {
        parts = List.copyOf(parts);
        if (parts.isEmpty() || parts.size() > 2) {
            throw new IllegalArgumentException("expected name or schema.name, got " + parts.size() + " parts");
        }
        for (String part : parts) {
            if (!PART.matcher(part).matches()) {
                throw new IllegalArgumentException("'" + part + "' is not a plain SQL identifier");
            }
        }
    }

    /**
     * Parses a configured name.
     *
     * @throws IllegalArgumentException naming the rule when the text is not a plain identifier
     */
    public static SqlIdentifier parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a name is required");
        }
        String trimmed = text.trim();
        if (!Arrays.stream(trimmed.split("\\.", -1)).allMatch(p -> PART.matcher(p).matches())
                || trimmed.chars().filter(c -> c == '.').count() > 1) {
            throw new IllegalArgumentException("'" + text + "' is not a plain SQL identifier: use letters, digits"
                    + " and underscores, starting with a letter or underscore, optionally as schema.name");
        }
        return new SqlIdentifier(Arrays.asList(trimmed.split("\\.")));
    }


    /** The last part: a column name, or a table name without its schema. */
    public String name() {
        return parts.get(parts.size() - 1);
    }

    /** The schema part, or null when unqualified. */
    public String schema() {
        return parts.size() == 2 ? parts.get(0) : null;
    }



    /** The identifier double-quoted for SQL: {@code "schema"."table"}. */
    public String quoted() {
        StringBuilder sql = new StringBuilder();
        for (String part : parts) {
            if (sql.length() > 0) {
                sql.append('.');
            }
            sql.append('"').append(part).append('"');
        }
        return sql.toString();
    }


    @Override
    public String toString() {
        return String.join(".", parts);
    }
}
