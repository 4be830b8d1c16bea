/** Reading a monitor's rows (tables and queries on the feature database, Parquet and CSV files through DuckDB): access and schema checks, one-pass window scans. */
package io.driftwatch.source;
