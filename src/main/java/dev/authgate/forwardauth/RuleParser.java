package dev.authgate.forwardauth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authgate.config.ConfigException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads and validates {@code forward-auth.rules}. Every error names the rule by its index and what is wrong,
 * so a bad rule fails start-up instead of silently letting requests through or locking them out.
 */
final class RuleParser {

  private static final Set<String> KEYS = Set.of("host", "methods", "path", "permissions", "roles");
  private static final Pattern METHOD = Pattern.compile("[A-Z]{1,32}");
  private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?");
  private static final Pattern NAME = Pattern.compile("[\\x21-\\x7e&&[^,]]{1,200}");

  private final String key;
  private final boolean caseSensitive;

  private RuleParser(String key, boolean caseSensitive) {
    this.key = key;
    this.caseSensitive = caseSensitive;
  }

  /** Parses the list at {@code key}; throws {@link ConfigException} naming the first bad rule. */
  static RouteRules parse(JsonNode list, String key, boolean caseSensitive) {
    if (list == null || !list.isArray()) {
      throw new ConfigException("Configuration key '" + key + "' must be a list of rules, got "
          + (list == null ? "nothing" : list.getNodeType()));
    }
    RuleParser parser = new RuleParser(key, caseSensitive);
    List<RouteRule> rules = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      RouteRule rule = parser.rule(i, list.get(i));
      parser.rejectRepeat(rule, rules);
      rules.add(rule);
    }
    return new RouteRules(rules, caseSensitive);
  }

  private RouteRule rule(int index, JsonNode node) {
    if (!node.isObject()) {
      throw error(index, "the rule must be an object with methods and path, got " + node.getNodeType());
    }
    node.fieldNames().forEachRemaining(name -> {
      if (!KEYS.contains(name)) {
        throw error(index, "unknown key '" + name + "'; the keys are " + new TreeSet<>(KEYS));
      }
    });
    PathPattern path;
    try {
      path = PathPattern.parse(requiredText(index, node, "path"), caseSensitive);
    } catch (IllegalArgumentException e) {
      throw error(index, e.getMessage());
    }
    return new RouteRule(index, host(index, node), methods(index, node), path,
        names(index, node, "permissions"), names(index, node, "roles"));
  }

  private String host(int index, JsonNode node) {
    JsonNode value = node.get("host");
    if (value == null || value.isNull()) {
      return null;
    }
    String host = value.isTextual() ? value.asText().trim().toLowerCase(Locale.ROOT) : "";
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (!HOST.matcher(host).matches()) {
      throw error(index, "host must be a DNS name without port or wildcard, such as api.bank.example, got " + value);
    }
    return host;
  }

  private Set<String> methods(int index, JsonNode node) {
    JsonNode value = node.get("methods");
    if (value == null || !value.isArray() || value.isEmpty()) {
      throw error(index, "methods must be a non-empty list, such as [\"GET\"] or [\"*\"] for any method");
    }
    Set<String> methods = new TreeSet<>();
    for (JsonNode item : value) {
      String method = item.isTextual() ? item.asText().trim().toUpperCase(Locale.ROOT) : "";
      if (method.equals("*")) {
        if (value.size() != 1) {
          throw error(index, "methods must be [\"*\"] alone or a list of methods, not both");
        }
        return Set.of();
      }
      if (!METHOD.matcher(method).matches()) {
        throw error(index, "methods has an entry that is not an HTTP method: " + item);
      }
      methods.add(method);
    }
    return Collections.unmodifiableSet(methods);
  }

  private List<String> names(int index, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw error(index, field + " must be a list of strings, got " + value.getNodeType());
    }
    List<String> names = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual() || !NAME.matcher(item.asText()).matches()) {
        throw error(index, field + " entries must be 1 to 200 visible ASCII characters without ',', got " + item);
      }
      names.add(item.asText());
    }
    return List.copyOf(names);
  }

  private String requiredText(int index, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw error(index, field + " is missing or not a string");
    }
    return value.asText().trim();
  }

  /** Rejects a rule that covers the same requests as an earlier one, because it could never apply. */
  private void rejectRepeat(RouteRule rule, List<RouteRule> earlier) {
    for (RouteRule other : earlier) {
      boolean sameHost = rule.host() == null ? other.host() == null : rule.host().equals(other.host());
      boolean sameMethods = rule.anyMethod() && other.anyMethod()
          || rule.methods().stream().anyMatch(other.methods()::contains);
      if (sameHost && sameMethods && rule.path().key().equals(other.path().key())) {
        throw error(rule.index(), "the rule covers the same host, method and path as rule " + other.index()
            + ", so it could never apply; merge the two");
      }
    }
  }

  private ConfigException error(int index, String problem) {
    return new ConfigException("Configuration key '" + key + "[" + index + "]': " + problem);
  }
}
