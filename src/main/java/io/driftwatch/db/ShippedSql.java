package io.driftwatch.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the statements shipped in {@code sql/queries/} (packaged as {@code db/queries/}), so the Java
 * client runs exactly the SQL that other languages are told to run. The files use psycopg's
 * named placeholders {@code %(name)s}; they become JDBC {@code ?} here, bound by name.
 * Format: {@code --} lines are comments; statements end with {@code ;}; {@code %%} is a literal {@code %}.
 */
public final class ShippedSql {

    /** Where the build puts {@code sql/queries/} on the classpath. */
    public static final String CLASSPATH_DIRECTORY = "db/queries/";

    private static final Pattern PLACEHOLDER = Pattern.compile("%\\((\\w+)\\)s|%%|%");

    private ShippedSql() {
    }

    /** Every statement of a shipped file (a path below {@code sql/queries/}, e.g. {@code queue/claim.h2.sql}), in order. */
    public static List<ShippedStatement> load(String file) {
        String resource = CLASSPATH_DIRECTORY + file;
        try (InputStream in = ShippedSql.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("shipped SQL " + resource + " is not on the classpath; the build copies"
                        + " sql/queries/ there (pom.xml resources). Rebuild with ./mvnw package.");
            }
            return parse(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read shipped SQL " + resource, e);
        }
    }

    /** The only statement of a shipped file. */
    public static ShippedStatement loadOne(String file) {
        List<ShippedStatement> statements = load(file);
        if (statements.size() != 1) {
            throw new IllegalStateException(file + " must hold exactly one statement but holds " + statements.size());
        }
        return statements.get(0);
    }

    static List<ShippedStatement> parse(String file, String text) {
        StringBuilder code = new StringBuilder();
        for (String line : text.split("\\R")) {
            if (!line.strip().startsWith("--")) {
                code.append(line).append('\n');
            }
        }
        List<ShippedStatement> statements = new ArrayList<>();
        for (String chunk : code.toString().split(";")) {
            if (!chunk.isBlank()) {
                statements.add(toJdbc(file, statements.size(), chunk.strip()));
            }
        }
        if (statements.isEmpty()) {
            throw new IllegalStateException("shipped SQL " + file + " holds no statement");
        }
        return List.copyOf(statements);
    }

    private static ShippedStatement toJdbc(String file, int index, String sql) {
        List<String> parameters = new ArrayList<>();
        StringBuilder jdbc = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(sql);
        while (m.find()) {
            if (m.group(1) != null) {
                parameters.add(m.group(1));
                m.appendReplacement(jdbc, "?");
            } else if (m.group().equals("%%")) {
                m.appendReplacement(jdbc, "%");
            } else {
                throw new IllegalStateException("shipped SQL " + file + " statement " + (index + 1)
                        + " has a bare '%' at offset " + m.start() + ": write %% for a literal percent sign");
            }
        }
        m.appendTail(jdbc);
        if (jdbc.indexOf("?") >= 0 && jdbc.chars().filter(c -> c == '?').count() != parameters.size()) {
            throw new IllegalStateException("shipped SQL " + file + " statement " + (index + 1)
                    + " contains a literal '?': use %(name)s placeholders only");
        }
        return new ShippedStatement(file, index, jdbc.toString(), parameters);
    }
}
