package io.driftwatch.window;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;

import io.driftwatch.support.PostgresTestDatabase;
import io.driftwatch.support.RequiresPostgres;

/** The segmented baseline's cache on PostgreSQL, each context in a schema of its own. */
@RequiresPostgres
class PostgresSegmentedBaselineCacheTests extends AbstractSegmentedBaselineCacheTests {

    private static final List<String> URLS = new ArrayList<>();

    @Override
    String freshDatabase(String name) {
        String url = PostgresTestDatabase.freshSchemaUrl("dw_segbase_" + name);
        URLS.add(url);
        return url;
    }

    @AfterAll
    static void dropSchemas() {
        URLS.forEach(PostgresTestDatabase::dropSchemaOf);
    }
}
