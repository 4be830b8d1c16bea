package io.driftwatch.config;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every configuration key driftwatch reads under {@code driftwatch.}, as a tree: read from the
 * configuration metadata the build generates from the properties classes
 * ({@code META-INF/spring-configuration-metadata.json}), and for lists and maps of objects (the
 * monitors) from the element class's fields. Names compare in Spring's relaxed form (case, dashes and
 * underscores do not matter); a map's keys are free.
 */
final class KnownKeys {

    static final String ROOT = "driftwatch";

    /** One level of the tree: named children, list elements, or free (a map's keys, and what is under them). */
    static final class Node {
        final String name;
        final Map<String, Node> children = new LinkedHashMap<>();
        Node element;
        boolean free;

        Node(String name) {
            this.name = name;
        }

        Node child(String name) {
            return children.computeIfAbsent(uniform(name), k -> new Node(name));
        }

        Optional<Node> find(String element) {
            return Optional.ofNullable(children.get(uniform(element)));
        }

        boolean isLeaf() {
            return children.isEmpty() && element == null && !free;
        }

        /** The child name closest to {@code element}, when it is close enough to be a likely misspelling. */
        Optional<String> closest(String element) {
            String wanted = uniform(element);
            return children.values().stream()
                    .map(c -> Map.entry(c.name, distance(wanted, uniform(c.name))))
                    .filter(e -> e.getValue() <= Math.max(2, wanted.length() / 3))
                    .min(Comparator.comparing(Map.Entry<String, Integer>::getValue))
                    .map(Map.Entry::getKey);
        }
    }

    private KnownKeys() {
    }

    /** The keys in the metadata on the class path (every jar's file), with the monitors' keys beneath. */
    static Node load(ClassLoader classLoader) {
        Node root = new Node(ROOT);
        try {
            Enumeration<URL> files = classLoader.getResources("META-INF/spring-configuration-metadata.json");
            JsonMapper json = JsonMapper.builder().build();
            while (files.hasMoreElements()) {
                try (InputStream in = files.nextElement().openStream()) {
                    JsonNode properties = json.readTree(in).path("properties");
                    for (JsonNode property : properties) {
                        String name = property.path("name").asString();
                        if (name.startsWith(ROOT + ".")) {
                            add(root, name.substring(ROOT.length() + 1), property.path("type").asString(""), classLoader);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the configuration metadata: " + e.getMessage(), e);
        }
        return root;
    }

    private static void add(Node root, String dotted, String type, ClassLoader classLoader) {
        Node node = root;
        for (String part : dotted.split("\\.")) {
            node = node.child(part);
        }
        shape(node, type, classLoader);
    }

    /** Gives a node the shape of its type: a map is free, a list has elements, a bean has its fields. */
    private static void shape(Node node, String type, ClassLoader classLoader) {
        if (type.startsWith("java.util.Map<")) {
            node.free = true;
        } else if (type.startsWith("java.util.List<") || type.startsWith("java.util.Set<") || type.endsWith("[]")) {
            String elementType = type.endsWith("[]") ? type.substring(0, type.length() - 2)
                    : type.substring(type.indexOf('<') + 1, type.length() - 1);
            node.element = new Node("[]");
            shape(node.element, elementType, classLoader);
        } else {
            bean(type, classLoader).ifPresent(c -> fields(node, c));
        }
    }

    private static Optional<Class<?>> bean(String type, ClassLoader classLoader) {
        if (!type.startsWith("io.driftwatch.")) {
            return Optional.empty();
        }
        // Nested classes are written with dots in the metadata: try each dot from the right as a '$'.
        String name = type;
        while (true) {
            try {
                return Optional.of(Class.forName(name, false, classLoader));
            } catch (ClassNotFoundException e) {
                int dot = name.lastIndexOf('.');
                if (dot < 0) {
                    return Optional.empty();
                }
                name = name.substring(0, dot) + "$" + name.substring(dot + 1);
            }
        }
    }

    private static void fields(Node node, Class<?> type) {
        if (type.isEnum()) {
            return;
        }
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            Node child = node.child(kebab(field.getName()));
            shape(child, field.getGenericType(), type);
        }
    }

    private static void shape(Node node, Type type, Class<?> owner) {
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            if (Map.class.isAssignableFrom(raw)) {
                node.free = true;
            } else if (Collection.class.isAssignableFrom(raw)) {
                node.element = new Node("[]");
                shape(node.element, p.getActualTypeArguments()[0], owner);
            }
        } else if (type instanceof Class<?> c && c.getName().startsWith("io.driftwatch.") && !c.isEnum()) {
            fields(node, c);
        }
    }

    static String kebab(String camel) {
        StringBuilder out = new StringBuilder();
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                out.append('-').append(Character.toLowerCase(ch));
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    /** Spring's uniform form of a name element: lower case without dashes and underscores. */
    static String uniform(String element) {
        return element.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Every leaf key below {@code node}, dotted, lists as {@code [0]}; for messages. */
    static List<String> names(Node node) {
        List<String> names = new ArrayList<>();
        node.children.values().forEach(c -> names.add(c.name));
        return names;
    }
}
