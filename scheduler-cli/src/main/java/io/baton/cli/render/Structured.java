package io.baton.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * JSON and YAML output. Protobuf messages use the protobuf JSON mapping (lowerCamelCase names, enums by
 * name, 64-bit integers as strings, fields at their default value included), so {@code -o json} output of
 * a record parses back with {@code JsonFormat.parser()}; lists become arrays.
 */
public final class Structured {
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().alwaysPrintFieldsWithNoPresence();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    private Structured() {}

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** A message as a JSON tree (protobuf JSON mapping). */
    public static JsonNode node(MessageOrBuilder message) {
        try {
            return JSON.readTree(PRINTER.print(message));
        } catch (InvalidProtocolBufferException | JsonProcessingException e) {
            throw new IllegalStateException("cannot print " + message.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static ArrayNode array(List<? extends MessageOrBuilder> messages) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        messages.forEach(m -> array.add(node(m)));
        return array;
    }

    /** The tree as pretty JSON or block YAML, ending with a line break. */
    /** A JSON tree, a protobuf message or a list of messages, written in {@code format}. */
    @SuppressWarnings("unchecked")
    public static String writeAny(Object value, OutputFormat format) {
        if (value instanceof JsonNode node) return write(node, format);
        if (value instanceof MessageOrBuilder message) return write(message, format);
        if (value instanceof List<?> list) return write((List<? extends MessageOrBuilder>) list, format);
        throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as " + format);
    }

    public static String write(JsonNode node, OutputFormat format) {
        try {
            return switch (format) {
                case JSON -> JSON.writeValueAsString(node) + "\n";
                case YAML -> YAML.writeValueAsString(node);
                case TABLE -> throw new IllegalArgumentException("not a structured format: " + format);
            };
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String write(MessageOrBuilder message, OutputFormat format) {
        return write(node(message), format);
    }

    public static String write(List<? extends MessageOrBuilder> messages, OutputFormat format) {
        return write(array(messages), format);
    }
}
