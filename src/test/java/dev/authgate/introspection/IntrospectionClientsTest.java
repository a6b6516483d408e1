package dev.authgate.introspection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authgate.config.ConfigException;
import dev.authgate.config.GatewayConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code introspection.clients}: reading, validation and the credential check. */
class IntrospectionClientsTest {

  private static final String SECRET = "test-only-secret-0123456789";

  @Test
  void productionHasNoDefaultClient() {
    assertEquals(0, IntrospectionClients.from(production(Map.of())).size());
  }

  @Test
  void developmentAddsSampleClient() {
    IntrospectionClients clients = IntrospectionClients.from(development(Map.of()));

    assertEquals(Optional.of(IntrospectionClients.DEVELOPMENT_CLIENT_ID), clients.authenticate(
        IntrospectionClients.DEVELOPMENT_CLIENT_ID, IntrospectionClients.DEVELOPMENT_CLIENT_SECRET));
  }

  @Test
  void configuredClientReplacesSampleClient() {
    IntrospectionClients clients = IntrospectionClients.from(development(Map.of("AUTHGATE_INTROSPECTION_CLIENTS",
        "[{\"id\": \"accounts-api\", \"secret-hash\": \"" + ClientSecrets.hash(SECRET) + "\"}]")));

    assertEquals(1, clients.size());
    assertEquals(Optional.empty(), clients.authenticate(
        IntrospectionClients.DEVELOPMENT_CLIENT_ID, IntrospectionClients.DEVELOPMENT_CLIENT_SECRET));
  }

  @Test
  void acceptsUpperCaseHexHash() {
    String hash = ClientSecrets.hash(SECRET).toUpperCase().replace("SHA256:", "sha256:");
    IntrospectionClients clients = IntrospectionClients.from(production(Map.of("AUTHGATE_INTROSPECTION_CLIENTS",
        "[{\"id\": \"accounts-api\", \"secret-hash\": \"" + hash + "\"}]")));

    assertEquals(Optional.of("accounts-api"), clients.authenticate("accounts-api", SECRET));
  }

  @Test
  void rejectsDuplicateId() {
    String entry = "{\"id\": \"accounts-api\", \"secret-hash\": \"" + ClientSecrets.hash(SECRET) + "\"}";

    ConfigException error = assertThrows(ConfigException.class, () -> IntrospectionClients.from(production(Map.of(
        "AUTHGATE_INTROSPECTION_CLIENTS", "[" + entry + ", " + entry + "]"))));

    assertEquals("Configuration key 'introspection.clients[1]': client id 'accounts-api' is listed twice", error.getMessage());
  }

  @Test
  void rejectsUnknownKey() {
    ConfigException error = assertThrows(ConfigException.class, () -> IntrospectionClients.from(production(Map.of(
        "AUTHGATE_INTROSPECTION_CLIENTS", "[{\"id\": \"a\", \"secret\": \"x\"}]"))));

    assertTrue(error.getMessage().contains("'introspection.clients[0]': unknown key 'secret'"), error.getMessage());
  }

  @Test
  void rejectsInvalidId() {
    ConfigException error = assertThrows(ConfigException.class, () -> IntrospectionClients.from(production(Map.of(
        "AUTHGATE_INTROSPECTION_CLIENTS", "[{\"id\": \"a b\", \"secret-hash\": \"" + ClientSecrets.hash(SECRET) + "\"}]"))));

    assertTrue(error.getMessage().contains("'introspection.clients[0].id' must be 1 to 64"), error.getMessage());
  }

  @Test
  void rejectsShortHash() {
    ConfigException error = assertThrows(ConfigException.class, () -> IntrospectionClients.from(production(Map.of(
        "AUTHGATE_INTROSPECTION_CLIENTS", "[{\"id\": \"a\", \"secret-hash\": \"sha256:abcd\"}]"))));

    assertTrue(error.getMessage().contains("'introspection.clients[0].secret-hash' must be 'sha256:'"), error.getMessage());
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
