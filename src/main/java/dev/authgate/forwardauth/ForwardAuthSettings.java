package dev.authgate.forwardauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authgate.config.ConfigException;
import dev.authgate.config.ConfigReader;
import dev.authgate.config.GatewayConfig;
import dev.authgate.config.Mode;
import java.util.Locale;

/**
 * The {@code forward-auth.*} settings, validated at start-up. Each key's meaning, unit and default are
 * documented in {@code conf/authgate.yaml}; the rules and their matching order in {@code docs/forward-auth.md}.
 *
 * @param revocationCheckSeconds how long a Redis confirmation that a session is live is reused, as long as
 *     the revocation subscription that was open at the lookup stays open; 0 checks on every request
 * @param redisGraceSeconds with {@link RedisFailure#GRACE}, how old a session's last confirmation may be for
 *     requests to be allowed while Redis fails
 * @param cacheMaxEntries verified tokens kept in memory; 0 turns the cache off
 * @param permissionsHeaderMaxBytes longest permissions header sent; a longer list is omitted, never truncated
 */
public record ForwardAuthSettings(
    RouteRules rules, DefaultAction defaultAction, boolean caseSensitivePaths, long revocationCheckSeconds,
    RedisFailure redisFailure, long redisGraceSeconds, int cacheMaxEntries, int permissionsHeaderMaxBytes,
    IdentityHeaderNames headers) {

  /** Action for an authenticated request that no rule covers. */
  public enum DefaultAction { DENY, ALLOW_AUTHENTICATED }

  /** Policy for a revocation check that Redis fails to serve. */
  public enum RedisFailure { FAIL_CLOSED, GRACE }

  static final String SECTION = "forward-auth";
  static final long MAX_REVOCATION_CHECK_SECONDS = 300;
  static final long MAX_GRACE_SECONDS = 3600;
  static final int MAX_CACHE_ENTRIES = 10_000_000;
  static final int MIN_PERMISSIONS_HEADER_BYTES = 16;
  static final int MAX_PERMISSIONS_HEADER_BYTES = 65_536;

  /**
   * Rules used in development mode when none are configured, so the demo users can be tried behind a
   * gateway. Production has no default rules: with none configured, every route is denied.
   */
  static final String DEVELOPMENT_RULES = """
      [{"methods": ["GET"], "path": "/accounts/**", "permissions": ["accounts:read"]},
       {"methods": ["POST"], "path": "/payments/**", "permissions": ["payments:create"]}]
      """;

  /** Reads and checks the section; throws {@link ConfigException} naming the key and the bad value. */
  public static ForwardAuthSettings from(GatewayConfig config) {
    ConfigReader reader = config.reader();
    boolean caseSensitive = reader.bool(SECTION + ".case-sensitive-paths");
    RouteRules rules = RuleParser.parse(rulesNode(config, reader), SECTION + ".rules", caseSensitive);
    return new ForwardAuthSettings(
        rules,
        choice(reader, SECTION + ".default-action", DefaultAction.class),
        caseSensitive,
        reader.longBetween(SECTION + ".revocation-check-seconds", 0, MAX_REVOCATION_CHECK_SECONDS),
        choice(reader, SECTION + ".redis-failure", RedisFailure.class),
        reader.longBetween(SECTION + ".redis-grace-seconds", 1, MAX_GRACE_SECONDS),
        reader.intBetween(SECTION + ".cache-max-entries", 0, MAX_CACHE_ENTRIES),
        reader.intBetween(SECTION + ".permissions-header-max-bytes", MIN_PERMISSIONS_HEADER_BYTES, MAX_PERMISSIONS_HEADER_BYTES),
        IdentityHeaderNames.read(reader, SECTION + ".headers"));
  }

  private static JsonNode rulesNode(GatewayConfig config, ConfigReader reader) {
    JsonNode configured = reader.node(SECTION + ".rules");
    if (config.mode() != Mode.DEVELOPMENT || !configured.isArray() || !configured.isEmpty()) {
      return configured;
    }
    try {
      return new ObjectMapper().readTree(DEVELOPMENT_RULES);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("The built-in development rules are not valid JSON", e);
    }
  }

  /** Reads a value such as {@code fail-closed} into the constant {@code FAIL_CLOSED}. */
  private static <E extends Enum<E>> E choice(ConfigReader reader, String key, Class<E> type) {
    String text = reader.text(key);
    for (E constant : type.getEnumConstants()) {
      if (externalName(constant).equals(text)) {
        return constant;
      }
    }
    StringBuilder allowed = new StringBuilder();
    for (E constant : type.getEnumConstants()) {
      allowed.append(allowed.length() == 0 ? "" : ", ").append(externalName(constant));
    }
    throw new ConfigException("Configuration key '" + key + "' must be one of " + allowed + ", got '" + text + "'");
  }

  static String externalName(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
