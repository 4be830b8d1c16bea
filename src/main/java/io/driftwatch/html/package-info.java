/**
 * Self-contained HTML drift reports (one page per run date, a history page, a canary verdict page), rendered
 * read-only from the report tables and the stored profiles, with inline CSS and SVG charts and no network access.
 */
package io.driftwatch.html;
