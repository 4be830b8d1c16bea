package io.driftwatch.canary;

import java.nio.file.Path;
import java.util.Map;

/** canaryJob through the jar on an H2 file database. */
class H2CanaryJarIT extends AbstractCanaryJarIT {

    private static final String FILE = Path.of("target", "canary-it-" + ProcessHandle.current().pid()).toAbsolutePath().toString();

    @Override
    String url() {
        return "jdbc:h2:file:" + FILE + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";
    }

    @Override
    String flywayLocation() {
        return "classpath:db/h2";
    }

    @Override
    Map<String, String> environment() {
        return Map.of("SPRING_DATASOURCE_USERNAME", "sa", "SPRING_DATASOURCE_PASSWORD", "");
    }
}
