package io.driftwatch.support;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fresh PostgreSQL schema for one Spring test class: created lazily when the context asks for
 * its datasource, dropped after the class. Use from {@code @DynamicPropertySource} and {@code @AfterAll}.
 */
public final class PostgresSchema {

    private final String prefix;
    private volatile String url;

    public PostgresSchema(String prefix) {
        this.prefix = prefix;
    }

    /** Points the context's datasource at the schema. */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", this::url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        // The test context cache keeps contexts open; their pools must not hold PostgreSQL connections while idle.
        registry.add("spring.datasource.hikari.minimum-idle", () -> 0);
        registry.add("spring.datasource.hikari.idle-timeout", () -> 10_000);
    }

    public synchronized String url() {
        if (url == null) {
            url = PostgresTestDatabase.freshSchemaUrl(prefix);
        }
        return url;
    }

    public void drop() {
        if (url != null) {
            PostgresTestDatabase.dropSchemaOf(url);
        }
    }
}
