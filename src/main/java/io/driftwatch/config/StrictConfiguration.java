package io.driftwatch.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.Ordered;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Unknown keys under {@code driftwatch.} stop the process before anything starts (exit code 2): a
 * misspelt key ({@code windw: P7D}, {@code driftwatch.partition-thread}) would otherwise be ignored
 * and the job would run with the default. Each unknown key is named with where it was set (file, line
 * and column, or the command line) and the closest known key. Configuration files, command-line
 * options and test properties are checked; environment variables and JVM system properties are not,
 * since {@code DRIFTWATCH_*} names may belong to other tools.
 */
public class StrictConfiguration implements EnvironmentPostProcessor, Ordered {

    @Override
    public int getOrder() {
        // after the configuration files are loaded (ConfigDataEnvironmentPostProcessor)
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<ConfigurationProblem> problems = check(environment, KnownKeys.load(StrictConfiguration.class.getClassLoader()));
        if (!problems.isEmpty()) {
            throw new UnknownConfigurationKeyException(problems);
        }
    }

    static List<ConfigurationProblem> check(ConfigurableEnvironment environment, KnownKeys.Node root) {
        Map<String, ConfigurationProblem> problems = new LinkedHashMap<>();
        ConfigurationPropertyName driftwatch = ConfigurationPropertyName.of(KnownKeys.ROOT);
        for (PropertySource<?> source : environment.getPropertySources()) {
            String name = source.getName();
            if (name.equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)
                    || name.equals(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)
                    || name.equals("configurationProperties")) {
                continue;
            }
            for (ConfigurationPropertySource properties : ConfigurationPropertySources.from(source)) {
                if (!(properties instanceof IterableConfigurationPropertySource iterable)) {
                    continue;
                }
                iterable.stream().filter(driftwatch::isAncestorOf).forEach(key -> unknown(root, key).ifPresent(fix -> {
                    ConfigurationProperty property = iterable.getConfigurationProperty(key);
                    Origin origin = property == null ? null : property.getOrigin();
                    String where = where(origin, name);
                    Object value = property == null ? null : property.getValue();
                    problems.putIfAbsent(key.toString(), ConfigurationProblem.of(key.toString(),
                            value == null ? null : String.valueOf(value), "unknown key (set " + where + ")", fix));
                }));
            }
        }
        return new ArrayList<>(problems.values());
    }

    /** Where a value was set, as a person looks for it: the file with line and column, or the command line. */
    static String where(Origin origin, String sourceName) {
        Origin inner = origin instanceof PropertySourceOrigin wrapped ? wrapped.getOrigin() : origin;
        if (inner instanceof TextResourceOrigin text && text.getResource() != null) {
            String file = "in " + text.getResource().getDescription();
            return text.getLocation() == null ? file : file + ", line " + (text.getLocation().getLine() + 1) + ", column "
                    + (text.getLocation().getColumn() + 1);
        }
        if (sourceName.equals(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME)) {
            return "on the command line";
        }
        return "in " + (origin != null ? origin.toString() : "property source '" + sourceName + "'");
    }

    /** Empty when the key is known; otherwise the fix to print (the closest known key, or the known ones). */
    static Optional<String> unknown(KnownKeys.Node root, ConfigurationPropertyName key) {
        KnownKeys.Node node = root;
        StringBuilder known = new StringBuilder(KnownKeys.ROOT);
        for (int i = 1; i < key.getNumberOfElements(); i++) {
            if (node.free) {
                return Optional.empty();
            }
            String element = key.getElement(i, ConfigurationPropertyName.Form.ORIGINAL);
            if (key.isNumericIndex(i)) {
                if (node.element == null) {
                    return Optional.of("'" + known + "' is not a list; remove the index [" + element + "]");
                }
                node = node.element;
                known.append('[').append(element).append(']');
                continue;
            }
            Optional<KnownKeys.Node> child = node.find(element);
            if (child.isEmpty()) {
                String prefix = known.toString();
                List<String> siblings = KnownKeys.names(node);
                return Optional.of(node.closest(element).map(c -> "did you mean " + prefix + "." + c + "?")
                        .orElse(siblings.isEmpty() ? "remove it" : "remove it; the keys under " + prefix + " are "
                                + String.join(", ", siblings))
                        + " (docs/configuration.md lists every key)");
            }
            node = child.get();
            known.append('.').append(node.name);
            if (node.isLeaf() && i < key.getNumberOfElements() - 1) {
                return Optional.of("'" + known + "' is a single value and has no keys below it");
            }
        }
        return Optional.empty();
    }
}
