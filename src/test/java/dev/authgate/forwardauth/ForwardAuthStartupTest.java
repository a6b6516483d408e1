package dev.authgate.forwardauth;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authgate.config.ConfigException;
import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An invalid forward-auth rule or introspection client fails the gateway's start, naming the entry. */
class ForwardAuthStartupTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create();

  @Test
  void invalidRuleFailsStart() {
    IllegalStateException failure = assertThrows(IllegalStateException.class, () -> TestGateway.start(REDIS.uri(), Map.of(
        "AUTHGATE_FORWARD_AUTH_RULES", "[{\"methods\": [\"GET\"], \"path\": \"/accounts/*\"}, {\"methods\": [\"GET\"], \"path\": \"/pay*\"}]")));

    ConfigException cause = configCause(failure);
    assertTrue(cause.getMessage().startsWith("Configuration key 'forward-auth.rules[1]'"), cause.getMessage());
  }

  @Test
  void invalidClientHashFailsStart() {
    IllegalStateException failure = assertThrows(IllegalStateException.class, () -> TestGateway.start(REDIS.uri(), Map.of(
        "AUTHGATE_INTROSPECTION_CLIENTS", "[{\"id\": \"accounts-api\", \"secret-hash\": \"plain-secret\"}]")));

    ConfigException cause = configCause(failure);
    assertTrue(cause.getMessage().startsWith("Configuration key 'introspection.clients[0].secret-hash'"), cause.getMessage());
  }

  @Test
  void clientHashErrorDoesNotEchoValue() {
    IllegalStateException failure = assertThrows(IllegalStateException.class, () -> TestGateway.start(REDIS.uri(), Map.of(
        "AUTHGATE_INTROSPECTION_CLIENTS", "[{\"id\": \"accounts-api\", \"secret-hash\": \"plain-secret\"}]")));

    assertTrue(!configCause(failure).getMessage().contains("plain-secret"), configCause(failure).getMessage());
  }

  private static ConfigException configCause(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConfigException config) {
        return config;
      }
    }
    throw new AssertionError("no ConfigException in the cause chain", failure);
  }
}
