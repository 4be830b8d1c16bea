package io.driftwatch.source;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import io.driftwatch.config.Relation;

/**
 * Parquet and CSV files read through DuckDB's embedded engine (no server): each operation opens an
 * in-memory DuckDB, whose {@code read_parquet}/{@code read_csv} is the FROM item that the window
 * predicate restricts (DuckDB skips Parquet row groups whose timestamp statistics lie outside it).
 * Paths may be local or any URL DuckDB's httpfs extension reads ({@code s3://}, {@code gs://},
 * {@code https://}), with credentials from DuckDB's own settings.
 */
final class DuckDbFiles {

    private final JdbcTemplate jdbc;

    DuckDbFiles() {
        Properties properties = new Properties();
        // Without it the driver materializes a whole result before handing over the first row.
        properties.setProperty("jdbc_stream_results", "true");
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource();
        dataSource.setDriverClass(org.duckdb.DuckDBDriver.class);
        dataSource.setUrl("jdbc:duckdb:");
        dataSource.setConnectionProperties(properties);
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(JdbcFeatureSource.FETCH_SIZE);
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    /** The FROM item that reads the files. */
    static String from(Relation.Files files) {
        return files.format() == Relation.Format.PARQUET ? "read_parquet(" + literal(files.pattern()) + ")"
                // Every file's header is sniffed when the query is bound, so files of different shapes fail the check.
                : "read_csv(" + literal(files.pattern()) + ", files_to_sniff = -1)";
    }

    /**
     * Why the files cannot be read, or null when every one of them can: none matches, a local file is not
     * readable by this process, or a file is not valid Parquet (its footer is read) or CSV (its header is sniffed).
     */
    String problem(Relation.Files files) {
        List<String> matched;
        try {
            matched = jdbc.queryForList("SELECT file FROM glob(" + literal(files.pattern()) + ") ORDER BY file", String.class);
        } catch (DataAccessException e) {
            return "the files cannot be listed: " + firstLine(e);
        }
        if (matched.isEmpty()) {
            return "no file matches " + files.pattern();
        }
        for (String file : matched) {
            if (isLocal(file)) {
                try {
                    Path path = Path.of(file);
                    if (!Files.isReadable(path)) {
                        return "file " + file + " is not readable by this process (user "
                                + System.getProperty("user.name") + ")";
                    }
                } catch (InvalidPathException e) {
                    // not a local path after all; DuckDB judges it below
                }
            }
        }
        try {
            if (files.format() == Relation.Format.PARQUET) {
                jdbc.queryForList("SELECT file_name FROM parquet_file_metadata(" + literal(files.pattern()) + ")");
            } else {
                jdbc.queryForList("SELECT * FROM " + from(files) + " LIMIT 0");
            }
        } catch (DataAccessException e) {
            return "the files cannot be read as " + files.format().name().toLowerCase(Locale.ROOT) + ": " + firstLine(e);
        }
        return null;
    }

    /**
     * What identifies the files' content without reading them: each matched file's name, size and modification
     * time, hashed, with the count and total size to read in logs.
     */
    String fingerprint(Relation.Files files) {
        List<String> listing = new ArrayList<>();
        long[] bytes = {0};
        jdbc.query("SELECT filename, size, last_modified FROM read_blob(" + literal(files.pattern()) + ") ORDER BY filename",
                rs -> {
                    listing.add(rs.getString(1) + "|" + rs.getLong(2) + "|" + rs.getString(3));
                    bytes[0] += rs.getLong(2);
                });
        return "files=" + listing.size() + ";bytes=" + bytes[0] + ";listing=" + sha256(String.join("\n", listing));
    }

    /** A SQL string literal of {@code text}. */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static boolean isLocal(String file) {
        return !file.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*");
    }

    static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root instanceof SQLException || root.getMessage() != null ? root.getMessage() : root.toString();
        return message == null ? root.toString() : message.lines().findFirst().orElse(message).trim();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
