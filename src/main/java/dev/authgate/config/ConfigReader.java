package dev.authgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads typed values from a configuration tree, failing with the dotted key and the bad value. */
public final class ConfigReader {

  private final JsonNode root;

  public ConfigReader(JsonNode root) {
    this.root = root;
  }

  public JsonNode node(String key) {
    JsonNode node = root;
    for (String part : key.split("\\.")) {
      node = node.path(part);
    }
    if (node.isMissingNode()) {
      throw new ConfigException("Configuration key '" + key + "' is missing");
    }
    return node;
  }

  public boolean bool(String key) {
    JsonNode node = node(key);
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    String text = node.asText().trim();
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new ConfigException("Configuration key '" + key + "' must be true or false, got " + node);
  }

  public String text(String key) {
    JsonNode node = node(key);
    if (node.isNull()) {
      return "";
    }
    if (!node.isValueNode()) {
      throw new ConfigException("Configuration key '" + key + "' must be a string, got " + node);
    }
    return node.asText().trim();
  }

  public int intBetween(String key, int min, int max) {
    long value = longBetween(key, min, max);
    return (int) value;
  }

  public long longBetween(String key, long min, long max) {
    JsonNode node = node(key);
    long value;
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      value = node.asLong();
    } else if (node.isTextual()) {
      try {
        value = Long.parseLong(node.asText().trim());
      } catch (NumberFormatException e) {
        throw new ConfigException("Configuration key '" + key + "' must be a whole number, got " + node);
      }
    } else {
      throw new ConfigException("Configuration key '" + key + "' must be a whole number, got " + node);
    }
    if (value < min || value > max) {
      throw new ConfigException(
          "Configuration key '" + key + "' must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  public List<String> textList(String key) {
    JsonNode node = node(key);
    List<String> values = new ArrayList<>();
    if (node.isTextual()) {
      for (String part : node.asText().split(",")) {
        if (!part.isBlank()) {
          values.add(part.trim());
        }
      }
      return values;
    }
    if (!node.isArray()) {
      throw new ConfigException("Configuration key '" + key + "' must be a list of strings, got " + node);
    }
    for (JsonNode item : node) {
      if (!item.isTextual() || item.asText().isBlank()) {
        throw new ConfigException("Configuration key '" + key + "' must contain non-empty strings, got " + item);
      }
      values.add(item.asText().trim());
    }
    return values;
  }
}
