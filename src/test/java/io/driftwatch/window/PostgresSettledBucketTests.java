package io.driftwatch.window;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;

import io.driftwatch.support.PostgresTestDatabase;
import io.driftwatch.support.RequiresPostgres;

/** Settled buckets on PostgreSQL, each context in a schema of its own. */
@RequiresPostgres
class PostgresSettledBucketTests extends AbstractSettledBucketTests {

    private static final List<String> URLS = new ArrayList<>();

    @Override
    String freshDatabase(String name) {
        String url = PostgresTestDatabase.freshSchemaUrl("dw_settled_" + name);
        URLS.add(url);
        return url;
    }

    @AfterAll
    static void dropSchemas() {
        URLS.forEach(PostgresTestDatabase::dropSchemaOf);
    }
}
