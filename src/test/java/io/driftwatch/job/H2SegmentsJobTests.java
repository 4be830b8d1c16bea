package io.driftwatch.job;

/** Segments on the embedded default (H2). */
class H2SegmentsJobTests extends AbstractSegmentsJobTests {

    @Override
    int wideRowsPerWindow() {
        return 200_000;
    }

    @Override
    String wideInsert() {
        return "INSERT INTO wide_segments SELECT TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00' + (\"X\" * INTERVAL '10' SECOND),"
                + " \"X\" * 0.001, 'u' || \"X\" FROM SYSTEM_RANGE(1, ?) UNION ALL"
                + " SELECT TIMESTAMP WITH TIME ZONE '2026-05-01 00:00:00+00' + (\"X\" * INTERVAL '0.4' SECOND), \"X\" * 0.002,"
                + " 'v' || \"X\" FROM SYSTEM_RANGE(1, ?)";
    }
}
