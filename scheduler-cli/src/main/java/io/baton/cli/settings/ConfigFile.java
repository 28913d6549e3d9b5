package io.baton.cli.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The CLI's config file ({@code ~/.baton/config.yaml} or {@code $BATON_CONFIG}): a YAML mapping with the
 * optional keys {@code zk}, {@code addresses} (a list or a comma-separated string), {@code namespace} and
 * {@code timeout}. Parsing is pure; an unknown key or a wrong value is an error naming the file and the key.
 *
 * <pre>
 * zk: zk1:2181,zk2:2181,zk3:2181
 * namespace: baton
 * timeout: 30s
 * </pre>
 */
public record ConfigFile(String path, Optional<String> zk, List<String> addresses, Optional<String> namespace,
                         Optional<String> timeout) {
    private static final Set<String> KEYS = Set.of("zk", "addresses", "namespace", "timeout");

    public static ConfigFile empty(String path) {
        return new ConfigFile(path, Optional.empty(), List.of(), Optional.empty(), Optional.empty());
    }

    /**
     * Reads {@code $BATON_CONFIG} if set (it must exist), else {@code <home>/.baton/config.yaml} if it exists;
     * otherwise the file is empty.
     */
    public static ConfigFile load(Map<String, String> env, Path home) {
        String explicit = env.getOrDefault(SettingsResolver.ENV_CONFIG, "").trim();
        Path path = explicit.isEmpty() ? home.resolve(".baton").resolve("config.yaml") : Path.of(explicit);
        if (!Files.exists(path)) {
            if (explicit.isEmpty()) return empty(path.toString());
            throw new SettingsException("config file " + path + " (from " + SettingsResolver.ENV_CONFIG + ") does not exist");
        }
        try {
            return parse(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SettingsException("cannot read config file " + path + ": " + e);
        }
    }

    /** Parses the file's text; {@code path} is for messages. Throws {@link SettingsException}. */
    public static ConfigFile parse(String path, String text) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new SettingsException("config file " + path + " is not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
        }
        if (root == null || root.isMissingNode() || root.isNull()) return empty(path);
        if (!root.isObject()) throw new SettingsException("config file " + path + ": expected a mapping of zk, addresses, namespace, timeout");
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            String key = it.next().getKey();
            if (!KEYS.contains(key)) throw new SettingsException("config file " + path + ": unknown key '" + key + "' (known: addresses, namespace, timeout, zk)");
        }
        return new ConfigFile(path, text(path, root, "zk"), addresses(path, root.get("addresses")), text(path, root, "namespace"),
                text(path, root, "timeout"));
    }

    private static Optional<String> text(String path, JsonNode root, String key) {
        JsonNode v = root.get(key);
        if (v == null || v.isNull()) return Optional.empty();
        if (!v.isValueNode()) throw new SettingsException("config file " + path + ": '" + key + "' must be a single value");
        return Optional.of(v.asText().trim()).filter(s -> !s.isEmpty());
    }

    private static List<String> addresses(String path, JsonNode v) {
        if (v == null || v.isNull()) return List.of();
        if (v.isValueNode()) return SettingsResolver.splitAddresses(v.asText());
        if (!v.isArray()) throw new SettingsException("config file " + path + ": 'addresses' must be a list of host:port");
        List<String> out = new ArrayList<>();
        for (JsonNode a : v) {
            if (!a.isValueNode()) throw new SettingsException("config file " + path + ": 'addresses' must be a list of host:port");
            out.addAll(SettingsResolver.splitAddresses(a.asText()));
        }
        return out;
    }
}
