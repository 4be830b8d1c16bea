package io.driftwatch.ops;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1CronJob;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1JobSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Secret;

/**
 * A Kubernetes object checked against the API's published OpenAPI schema, through the models that the
 * Kubernetes Java client generates from it ({@code io.kubernetes:client-java-api}): their
 * {@code validateJsonElement} rejects a field the schema does not define, a missing required field and a
 * string, array or object in the wrong place; reading the object with scalar adapters that accept only the
 * JSON type the schema names rejects a number, boolean or string in the wrong place (plain Gson would read
 * {@code "2"} as 2 and {@code "yes"} as false, the API server does not).
 */
final class KubernetesSchema {

    /** A schema's check of a JSON tree: throws on the first problem. */
    @FunctionalInterface
    interface Check {
        void validate(JsonElement tree) throws IOException;
    }

    /** The kinds the manifests use, by {@code apiVersion/kind}. */
    private static final Map<String, Model<?>> KINDS = Map.of(
            "v1/ConfigMap", new Model<>(V1ConfigMap.class, V1ConfigMap::validateJsonElement),
            "v1/Secret", new Model<>(V1Secret.class, V1Secret::validateJsonElement),
            "batch/v1/Job", new Model<>(V1Job.class, V1Job::validateJsonElement),
            "batch/v1/CronJob", new Model<>(V1CronJob.class, V1CronJob::validateJsonElement),
            "apps/v1/Deployment", new Model<>(V1Deployment.class, V1Deployment::validateJsonElement));

    static final Model<V1JobSpec> JOB_SPEC = new Model<>(V1JobSpec.class, V1JobSpec::validateJsonElement);
    static final Model<V1ObjectMeta> OBJECT_META = new Model<>(V1ObjectMeta.class, V1ObjectMeta::validateJsonElement);

    private static final Gson TREES = new Gson();
    private static final Gson STRICT = new GsonBuilder().registerTypeAdapterFactory(new StrictScalars())
            .registerTypeAdapter(OffsetDateTime.class, new OffsetDateTimeAdapter())
            .registerTypeAdapter(byte[].class, new Base64Adapter()).create();

    private KubernetesSchema() {
    }

    /** True when the schema has a model for this {@code apiVersion} and {@code kind}. */
    static boolean knows(Object apiVersion, Object kind) {
        return KINDS.containsKey(apiVersion + "/" + kind);
    }

    /** The problems of a whole object (a manifest document); empty when it is valid. */
    static List<String> problems(Map<?, ?> document) {
        Model<?> model = KINDS.get(document.get("apiVersion") + "/" + document.get("kind"));
        if (model == null) {
            return List.of("no Kubernetes schema for apiVersion " + document.get("apiVersion") + ", kind " + document.get("kind"));
        }
        return model.problems(document);
    }

    /** One generated model: its structural check and its class for the typed read. */
    record Model<T>(Class<T> type, Check check) {

        /** The problems of {@code value} as this model; empty when it is valid. */
        List<String> problems(Object value) {
            JsonElement tree = TREES.toJsonTree(value);
            List<String> problems = new ArrayList<>();
            try {
                check.validate(tree);
            } catch (IOException | RuntimeException e) {
                problems.add(type.getSimpleName() + ": " + e.getMessage());
            }
            try {
                STRICT.fromJson(tree, type);
            } catch (JsonParseException | NumberFormatException e) {
                problems.add(type.getSimpleName() + ": " + e.getMessage());
            }
            return problems;
        }
    }

    /** Reads a boolean, number or string only from that JSON type, as the API server does. */
    private static final class StrictScalars implements TypeAdapterFactory {

        @Override
        @SuppressWarnings("unchecked")
        public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
            Class<?> raw = type.getRawType();
            JsonToken expected = raw == Boolean.class || raw == boolean.class ? JsonToken.BOOLEAN
                    : raw == String.class ? JsonToken.STRING
                    : raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class
                            || raw == Float.class || raw == Double.class ? JsonToken.NUMBER
                    : null;
            if (expected == null) {
                return null;
            }
            TypeAdapter<T> delegate = gson.getDelegateAdapter(this, type);
            boolean integral = raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class;
            return (TypeAdapter<T>) new TypeAdapter<Object>() {
                @Override
                public void write(JsonWriter out, Object value) throws IOException {
                    ((TypeAdapter<Object>) delegate).write(out, value);
                }

                @Override
                public Object read(JsonReader in) throws IOException {
                    JsonToken token = in.peek();
                    if (token != expected && token != JsonToken.NULL) {
                        throw new JsonParseException("expected a " + raw.getSimpleName() + " at " + in.getPreviousPath()
                                + " but found " + token);
                    }
                    if (integral && token == JsonToken.NUMBER) {
                        String number = in.nextString();
                        if (!number.matches("-?\\d+")) {
                            throw new JsonParseException("expected an integer at " + in.getPreviousPath() + " but found " + number);
                        }
                        if (raw == Long.class || raw == long.class) {
                            return Long.valueOf(number);
                        }
                        return Integer.valueOf(number);
                    }
                    return delegate.read(in);
                }
            };
        }
    }

    /** Bytes (a Secret's data, a ConfigMap's binaryData) as base64 strings. */
    private static final class Base64Adapter extends TypeAdapter<byte[]> {
        @Override
        public void write(JsonWriter out, byte[] value) throws IOException {
            out.value(value == null ? null : Base64.getEncoder().encodeToString(value));
        }

        @Override
        public byte[] read(JsonReader in) throws IOException {
            if (in.peek() != JsonToken.STRING) {
                throw new JsonParseException("expected base64 text at " + in.getPath() + " but found " + in.peek());
            }
            try {
                return Base64.getDecoder().decode(in.nextString());
            } catch (IllegalArgumentException e) {
                throw new JsonParseException("not base64 at " + in.getPreviousPath() + ": " + e.getMessage());
            }
        }
    }

    /** RFC 3339 timestamps (metadata.creationTimestamp and the like) as strings. */
    private static final class OffsetDateTimeAdapter extends TypeAdapter<OffsetDateTime> {
        @Override
        public void write(JsonWriter out, OffsetDateTime value) throws IOException {
            out.value(value == null ? null : value.toString());
        }

        @Override
        public OffsetDateTime read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return null;
            }
            return OffsetDateTime.parse(in.nextString());
        }
    }
}
