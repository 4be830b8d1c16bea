package io.driftwatch.html;

/** The HTML pages on the embedded default (H2 in PostgreSQL mode). */
class H2HtmlReportTests extends AbstractHtmlReportTests {
}
