/** Reading monitored feature tables over JDBC: safe identifiers, schema checks and one-pass window scans. */
package io.driftwatch.source;
