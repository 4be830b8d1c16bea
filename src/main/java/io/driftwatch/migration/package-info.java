/**
 * Migrating the database driftwatch writes to, which is usually a production database that already holds
 * tables: tables of the documented shape that users fill are adopted, a different shape or a table name
 * already taken is reported before anything is created (exit 2), and a migration that fails anyway is
 * reported with the object it tripped over.
 */
package io.driftwatch.migration;
