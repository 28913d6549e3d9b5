package io.baton.cli.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.baton.proto.v1.JobSpec;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a {@link JobSpec} from a YAML or JSON file in the protobuf JSON mapping: field names as in
 * baton.proto, lowerCamelCase or snake_case; enums by name; 64-bit integers as numbers or strings. YAML
 * scalars given to string fields ({@code jobParameter: 200}) are taken as text. Pure: the caller reads the
 * file. An unknown field or a bad value is a {@link SpecException} naming the file, the field path and the
 * reason, e.g. {@code job.yaml: field 'schedule.cron.expresion': unknown field of CronSchedule (known: expression, timeZone)}.
 *
 * <pre>
 * name: nightly-export
 * handler: demo.sleep
 * shardCount: 12
 * jobParameter: "200"
 * schedule:
 *   cron: {expression: "0 0 3 * * ?", timeZone: Europe/Paris}
 * misfirePolicy: MISFIRE_POLICY_SKIP
 * retry: {maxAttempts: 3, initialBackoffMillis: 1000}
 * </pre>
 */
public final class JobSpecParser {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final ObjectMapper YAML = new YAMLMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private JobSpecParser() {}

    /** Parses {@code content}; {@code fileName} chooses the format ({@code .json}, {@code .yaml}/{@code .yml}, else by content) and names the file in errors. */
    public static JobSpec parse(String fileName, String content) {
        boolean json = isJson(fileName, content);
        JsonNode root;
        try {
            root = (json ? JSON : YAML).readTree(content);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")" : "";
            throw new SpecException(fileName + ": not valid " + (json ? "JSON" : "YAML") + ": " + e.getOriginalMessage() + where);
        }
        if (root == null || root.isMissingNode() || root.isNull()) throw new SpecException(fileName + ": empty; expected a JobSpec");
        if (!root.isObject()) throw new SpecException(fileName + ": expected a mapping of JobSpec fields, found " + kind(root));
        check(fileName, (ObjectNode) root, JobSpec.getDescriptor(), "");
        JobSpec.Builder spec = JobSpec.newBuilder();
        try {
            JsonFormat.parser().merge(JSON.writeValueAsString(root), spec);
        } catch (InvalidProtocolBufferException | JsonProcessingException e) {
            throw new SpecException(fileName + ": " + e.getMessage());
        }
        return spec.build();
    }

    static boolean isJson(String fileName, String content) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) return true;
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) return false;
        return content.stripLeading().startsWith("{");
    }

    /** Checks every field of {@code node} against {@code type}, field by field, so that errors name the field. */
    private static void check(String file, ObjectNode node, Descriptor type, String prefix) {
        Map<OneofDescriptor, String> oneofs = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix + e.getKey();
            FieldDescriptor field = field(type, e.getKey());
            if (field == null) {
                throw new SpecException(file + ": field '" + path + "': unknown field of " + type.getName() + " (known: "
                        + type.getFields().stream().map(FieldDescriptor::getJsonName).collect(Collectors.joining(", ")) + ")");
            }
            JsonNode value = e.getValue();
            if (value.isNull()) continue;
            OneofDescriptor oneof = field.getRealContainingOneof();
            if (oneof != null && oneofs.containsKey(oneof)) {
                throw new SpecException(file + ": field '" + path + "': " + type.getName() + " takes only one of "
                        + oneof.getFields().stream().map(FieldDescriptor::getJsonName).collect(Collectors.joining(", "))
                        + ", but " + oneofs.get(oneof) + " is set too");
            }
            if (oneof != null) oneofs.put(oneof, e.getKey());
            if (field.isRepeated()) {
                if (!value.isArray()) throw new SpecException(file + ": field '" + path + "': expected a list, found " + kind(value));
                ArrayNode array = (ArrayNode) value;
                for (int i = 0; i < array.size(); i++) array.set(i, checkValue(file, array.get(i), field, type, path + "[" + i + "]"));
            } else {
                node.set(e.getKey(), checkValue(file, value, field, type, path));
            }
        }
    }

    /** Checks one (non-repeated) value; returns it, or a string field's scalar as text. */
    private static JsonNode checkValue(String file, JsonNode value, FieldDescriptor field, Descriptor owner, String path) {
        switch (field.getJavaType()) {
            case MESSAGE -> {
                if (!value.isObject()) throw new SpecException(file + ": field '" + path + "': expected a mapping of "
                        + field.getMessageType().getName() + " fields, found " + kind(value));
                check(file, (ObjectNode) value, field.getMessageType(), path + ".");
                return value;
            }
            case ENUM -> {
                if (value.isTextual() && field.getEnumType().findValueByName(value.asText()) == null || !value.isTextual() && !value.isIntegralNumber()) {
                    throw new SpecException(file + ": field '" + path + "': invalid value " + quoted(value) + " (expected one of "
                            + field.getEnumType().getValues().stream().map(EnumValueDescriptor::getName).collect(Collectors.joining(", ")) + ")");
                }
                return value;
            }
            case STRING -> {
                if (value.isValueNode() && !value.isTextual()) return TextNode.valueOf(value.asText());
                if (!value.isTextual()) throw new SpecException(file + ": field '" + path + "': expected text, found " + kind(value));
                return value;
            }
            default -> {
                if (!value.isValueNode()) throw new SpecException(file + ": field '" + path + "': expected a " + typeName(field) + ", found " + kind(value));
                ObjectNode single = JsonNodeFactory.instance.objectNode();
                single.set(field.getJsonName(), value);
                try {
                    JsonFormat.parser().merge(JSON.writeValueAsString(single), DynamicMessage.newBuilder(owner));
                } catch (InvalidProtocolBufferException | JsonProcessingException e) {
                    throw new SpecException(file + ": field '" + path + "': invalid value " + quoted(value) + " (expected a " + typeName(field) + ")");
                }
                return value;
            }
        }
    }

    private static FieldDescriptor field(Descriptor type, String name) {
        FieldDescriptor byName = type.findFieldByName(name);
        if (byName != null) return byName;
        return type.getFields().stream().filter(f -> f.getJsonName().equals(name)).findFirst().orElse(null);
    }

    private static String typeName(FieldDescriptor field) {
        return switch (field.getType()) {
            case INT32, SINT32, SFIXED32 -> "32-bit integer";
            case INT64, SINT64, SFIXED64 -> "64-bit integer";
            case UINT32, FIXED32 -> "non-negative 32-bit integer";
            case UINT64, FIXED64 -> "non-negative 64-bit integer";
            case DOUBLE, FLOAT -> "number";
            case BOOL -> "boolean (true or false)";
            default -> field.getType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String quoted(JsonNode value) {
        return value.isTextual() ? "'" + value.asText() + "'" : value.toString();
    }

    private static String kind(JsonNode node) {
        if (node.isObject()) return "a mapping";
        if (node.isArray()) return "a list";
        if (node.isTextual()) return "text '" + node.asText() + "'";
        return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + node;
    }
}
