package dev.authgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Merges the three layers of configuration into one tree: the defaults bundled in the jar (a copy of
 * {@code conf/authgate.yaml}), an optional operator file, and {@code AUTHGATE_*} environment variables.
 *
 * <p>Each key {@code a.b-c} is overridden by the variable {@code AUTHGATE_A_B_C}. A key whose default is a
 * list or an object takes JSON in its variable. Keys that the defaults do not contain are rejected, so a typo
 * in a file fails start-up instead of being ignored.
 */
public final class ConfigSource {

  static final String DEFAULTS_RESOURCE = "conf/authgate.yaml";
  static final String ENV_PREFIX = "AUTHGATE_";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConfigSource() {}

  /** Reads the bundled defaults, merges {@code file} when it is not null, then applies {@code env}. */
  public static ObjectNode load(Path file, Map<String, String> env) {
    ObjectNode tree = readDefaults();
    if (file != null) {
      merge(tree, readFile(file), "");
    }
    applyEnvironment(tree, "", env);
    return tree;
  }

  static ObjectNode readDefaults() {
    try (InputStream in = ConfigSource.class.getClassLoader().getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new ConfigException("Bundled defaults " + DEFAULTS_RESOURCE + " are missing from the classpath");
      }
      return (ObjectNode) YAML.readTree(in);
    } catch (IOException e) {
      throw new ConfigException("Bundled defaults " + DEFAULTS_RESOURCE + " are not valid YAML", e);
    }
  }

  private static ObjectNode readFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("Configuration file " + file + " does not exist or is not a file");
    }
    try {
      JsonNode node = YAML.readTree(file.toFile());
      if (node == null || node.isMissingNode() || node.isNull()) {
        return JsonNodeFactory.instance.objectNode();
      }
      if (!node.isObject()) {
        throw new ConfigException("Configuration file " + file + " must contain a YAML mapping at the top");
      }
      return (ObjectNode) node;
    } catch (IOException e) {
      throw new ConfigException("Configuration file " + file + " is not valid YAML: " + e.getMessage(), e);
    }
  }

  /** Copies {@code overlay} into {@code base}, rejecting keys that {@code base} does not define. */
  private static void merge(ObjectNode base, ObjectNode overlay, String prefix) {
    Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = prefix + field.getKey();
      JsonNode current = base.get(field.getKey());
      if (current == null) {
        throw new ConfigException("Unknown configuration key '" + key + "'; see conf/authgate.yaml for the valid keys");
      }
      if (current.isObject() && field.getValue().isObject()) {
        merge((ObjectNode) current, (ObjectNode) field.getValue(), key + ".");
      } else {
        base.set(field.getKey(), field.getValue());
      }
    }
  }

  private static void applyEnvironment(ObjectNode node, String prefix, Map<String, String> env) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      String key = prefix + name;
      JsonNode current = node.get(name);
      if (current.isObject() && !current.isEmpty()) {
        applyEnvironment((ObjectNode) current, key + ".", env);
        continue;
      }
      String value = env.get(environmentName(key));
      if (value != null) {
        node.set(name, parseEnvironmentValue(key, current, value));
      }
    }
  }

  /** Returns the variable name for a key: {@code tokens.access-ttl-seconds} becomes {@code AUTHGATE_TOKENS_ACCESS_TTL_SECONDS}. */
  public static String environmentName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static JsonNode parseEnvironmentValue(String key, JsonNode current, String value) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (current.isContainerNode()) {
      try {
        return JSON.readTree(value);
      } catch (IOException e) {
        throw new ConfigException(environmentName(key) + " must be JSON for key '" + key + "': " + e.getMessage());
      }
    }
    if (current.isNumber()) {
      try {
        return nodes.numberNode(Long.parseLong(value.trim()));
      } catch (NumberFormatException e) {
        throw new ConfigException(environmentName(key) + " must be a whole number for key '" + key + "', got '" + value + "'");
      }
    }
    if (current.isBoolean()) {
      String text = value.trim().toLowerCase(Locale.ROOT);
      if (!text.equals("true") && !text.equals("false")) {
        throw new ConfigException(environmentName(key) + " must be true or false for key '" + key + "', got '" + value + "'");
      }
      return nodes.booleanNode(Boolean.parseBoolean(text));
    }
    return nodes.textNode(value);
  }
}
