package dev.authgate.forwardauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authgate.config.ConfigException;
import dev.authgate.config.GatewayConfig;
import dev.authgate.forwardauth.ForwardAuthSettings.DefaultAction;
import dev.authgate.forwardauth.ForwardAuthSettings.RedisFailure;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code forward-auth.*} as read from the bundled defaults and AUTHGATE_* variables. */
class ForwardAuthSettingsTest {

  @Test
  void developmentModeShipsExampleRules() {
    ForwardAuthSettings settings = settings(development(Map.of()));

    List<String> rules = settings.rules().inMatchingOrder().stream().map(RouteRule::describe).toList();

    assertEquals(List.of("rule 0 (GET /accounts/**)", "rule 1 (POST /payments/**)"), rules);
  }

  @Test
  void developmentExampleProtectsPayments() {
    ForwardAuthSettings settings = settings(development(Map.of()));

    RouteRule payments = settings.rules().match(null, "POST", PathNormalizer.normalize("/payments/x")).orElseThrow();

    assertEquals(List.of("payments:create"), payments.permissions());
  }

  @Test
  void productionHasNoDefaultRules() {
    assertEquals(0, settings(production(Map.of())).rules().size());
  }

  @Test
  void configuredRulesReplaceExamples() {
    ForwardAuthSettings settings = settings(development(Map.of(
        "AUTHGATE_FORWARD_AUTH_RULES", "[{\"methods\": [\"GET\"], \"path\": \"/profile\"}]")));

    assertEquals(1, settings.rules().size());
  }

  @Test
  void defaultsAreSafe() {
    ForwardAuthSettings settings = settings(production(Map.of()));

    assertEquals(DefaultAction.DENY, settings.defaultAction());
    assertEquals(RedisFailure.FAIL_CLOSED, settings.redisFailure());
    // Safe only together with the revocation broadcast, which limits the window to lost messages.
    assertEquals(30, settings.revocationCheckSeconds());
    assertTrue(settings.caseSensitivePaths());
  }

  @Test
  void defaultHeaderNames() {
    IdentityHeaderNames headers = settings(production(Map.of())).headers();

    assertEquals(List.of("X-Auth-Subject", "X-Auth-Roles", "X-Auth-Permissions", "X-Auth-Session",
        "X-Auth-Permissions-Omitted"), headers.all());
  }

  @Test
  void readsAllowAuthenticated() {
    ForwardAuthSettings settings = settings(production(Map.of(
        "AUTHGATE_FORWARD_AUTH_DEFAULT_ACTION", "allow-authenticated")));

    assertEquals(DefaultAction.ALLOW_AUTHENTICATED, settings.defaultAction());
  }

  @Test
  void rejectsUnknownDefaultAction() {
    ConfigException error = assertThrows(ConfigException.class, () -> settings(production(Map.of(
        "AUTHGATE_FORWARD_AUTH_DEFAULT_ACTION", "allow"))));

    assertEquals("Configuration key 'forward-auth.default-action' must be one of deny, allow-authenticated, got 'allow'",
        error.getMessage());
  }

  @Test
  void rejectsUnknownRedisFailurePolicy() {
    ConfigException error = assertThrows(ConfigException.class, () -> settings(production(Map.of(
        "AUTHGATE_FORWARD_AUTH_REDIS_FAILURE", "fail-open"))));

    assertTrue(error.getMessage().contains("'forward-auth.redis-failure' must be one of fail-closed, grace"),
        error.getMessage());
  }

  @Test
  void rejectsRevocationWindowOverMaximum() {
    ConfigException error = assertThrows(ConfigException.class, () -> settings(production(Map.of(
        "AUTHGATE_FORWARD_AUTH_REVOCATION_CHECK_SECONDS", "301"))));

    assertTrue(error.getMessage().contains("'forward-auth.revocation-check-seconds' must be between 0 and 300"),
        error.getMessage());
  }

  @Test
  void rejectsReservedHeaderName() {
    ConfigException error = assertThrows(ConfigException.class, () -> settings(production(Map.of(
        "AUTHGATE_FORWARD_AUTH_HEADERS_SUBJECT", "Authorization"))));

    assertTrue(error.getMessage().contains("'forward-auth.headers.subject' must not be 'Authorization'"),
        error.getMessage());
  }

  @Test
  void rejectsHeaderNameUsedTwice() {
    ConfigException error = assertThrows(ConfigException.class, () -> settings(production(Map.of(
        "AUTHGATE_FORWARD_AUTH_HEADERS_ROLES", "x-auth-subject"))));

    assertTrue(error.getMessage().contains("names header 'x-auth-subject' twice"), error.getMessage());
  }

  @Test
  void rejectsHeaderNameWithSpace() {
    ConfigException error = assertThrows(ConfigException.class, () -> settings(production(Map.of(
        "AUTHGATE_FORWARD_AUTH_HEADERS_SESSION", "X Auth Session"))));

    assertTrue(error.getMessage().contains("'forward-auth.headers.session' must be a header name"), error.getMessage());
  }

  private static ForwardAuthSettings settings(GatewayConfig config) {
    return ForwardAuthSettings.from(config);
  }

  private static GatewayConfig development(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>(overrides);
    env.put("AUTHGATE_MODE", "development");
    return GatewayConfig.load(null, env);
  }

  /** Production needs Redis and a signing key to be named; neither is used here, so neither must exist. */
  private static GatewayConfig production(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>(overrides);
    env.put("AUTHGATE_MODE", "production");
    env.put("AUTHGATE_REDIS_URL", "redis://127.0.0.1:1");
    env.put("AUTHGATE_TOKENS_SIGNING_KEYS", "[{\"kid\": \"unused\", \"private-key-file\": \"/nonexistent/unused.key\"}]");
    return GatewayConfig.load(null, env);
  }
}
