package io.driftwatch.job;

/** Query sources on the embedded default (H2 in PostgreSQL mode). */
class H2QuerySourceJobTests extends AbstractQuerySourceJobTests {
}
