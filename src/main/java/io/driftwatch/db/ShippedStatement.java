package io.driftwatch.db;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;

/**
 * One statement of a shipped SQL file, in JDBC form.
 *
 * @param file       the file name under sql/queries/
 * @param index      0-based position in the file
 * @param sql        the statement with {@code ?} placeholders
 * @param parameters the placeholder names, in the order of the {@code ?}s (a name may repeat)
 */
public record ShippedStatement(String file, int index, String sql, List<String> parameters) {

    public ShippedStatement {
        parameters = List.copyOf(parameters);
    }

    /** Binds every placeholder by name; a name without a value is a bug in the caller. */
    public PreparedStatementSetter bind(Map<String, ?> values) {
        for (String name : parameters) {
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException(file + " needs a value for %(" + name + ")s; given "
                        + values.keySet());
            }
        }
        return ps -> {
            for (int i = 0; i < parameters.size(); i++) {
                StatementCreatorUtils.setParameterValue(ps, i + 1, SqlTypeValue.TYPE_UNKNOWN, values.get(parameters.get(i)));
            }
        };
    }
}
