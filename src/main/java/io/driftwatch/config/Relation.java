package io.driftwatch.config;

import java.util.Locale;
import java.util.Objects;

import io.driftwatch.db.SqlIdentifier;

/**
 * Where a window's rows come from: a table of the feature database, a user's single SELECT on it,
 * or files read through DuckDB. Every kind is read the same way, as the rows of a FROM item that
 * the window predicate on the timestamp column restricts.
 */
public sealed interface Relation permits Relation.Table, Relation.Query, Relation.Files {

    /** The configuration key that defines it under {@code source} or {@code baseline}: table, query or files. */
    String key();

    /** How it is named in messages and in {@code drift_run.baseline_table} (at most 200 characters). */
    String label();

    /** Its definition for the baseline fingerprint: a changed definition is a different baseline. */
    String definition();

    /** A table (or view) of the feature database. */
    record Table(SqlIdentifier name) implements Relation {
        public Table {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String key() {
            return "table";
        }

        @Override
        public String label() {
            return name.toString();
        }

        @Override
        public String definition() {
            return "table=" + name;
        }
    }

    /** A single SELECT or WITH statement on the feature database, checked by {@link QueryText}. */
    record Query(String sql) implements Relation {
        public Query {
            Objects.requireNonNull(sql, "sql");
        }

        @Override
        public String key() {
            return "query";
        }

        @Override
        public String label() {
            String oneLine = sql.replaceAll("\\s+", " ").trim();
            return "query: " + (oneLine.length() <= 193 ? oneLine : oneLine.substring(0, 190) + "...");
        }

        @Override
        public String definition() {
            return "query=" + sql.replaceAll("\\s+", " ").trim();
        }
    }

    /** Parquet or CSV files, a path or glob (local, {@code s3://}, {@code gs://}, {@code https://}), read through DuckDB. */
    record Files(String pattern, Format format) implements Relation {
        public Files {
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(format, "format");
        }

        @Override
        public String key() {
            return "files";
        }

        @Override
        public String label() {
            return pattern.length() <= 200 ? pattern : "..." + pattern.substring(pattern.length() - 197);
        }

        @Override
        public String definition() {
            return "files=" + pattern;
        }
    }

    /** The file formats DuckDB reads for driftwatch, told apart by the pattern's ending. */
    enum Format {
        /** {@code *.parquet}: columns, types and row-group statistics from the files themselves. */
        PARQUET,
        /** {@code *.csv}, {@code *.csv.gz}, {@code *.tsv}: header and column types detected by DuckDB's sniffer. */
        CSV;

        /** The format of a pattern by its ending, or null when it names neither. */
        public static Format of(String pattern) {
            String p = pattern.toLowerCase(Locale.ROOT);
            if (p.endsWith(".parquet") || p.endsWith(".parq")) {
                return PARQUET;
            }
            if (p.endsWith(".csv") || p.endsWith(".csv.gz") || p.endsWith(".tsv") || p.endsWith(".tsv.gz")) {
                return CSV;
            }
            return null;
        }
    }
}
