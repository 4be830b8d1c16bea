package io.driftwatch.config;

import java.io.IOException;
import java.util.List;

import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Spring Boot's YAML loader, with the file named when it is not valid YAML: the parser's error knows the
 * line and column but not the file, and a person with three mounted files needs all three.
 */
public class LocatedYamlPropertySourceLoader implements PropertySourceLoader, Ordered {

    private final YamlPropertySourceLoader delegate = new YamlPropertySourceLoader();

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public String[] getFileExtensions() {
        return delegate.getFileExtensions();
    }

    @Override
    public List<PropertySource<?>> load(String name, Resource resource) throws IOException {
        try {
            return delegate.load(name, resource);
        } catch (MarkedYAMLException e) {
            throw new InvalidYamlException(resource.getDescription(), e);
        }
    }
}
