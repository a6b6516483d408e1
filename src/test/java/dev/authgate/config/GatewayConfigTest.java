package dev.authgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mode selection, production requirements, environment overrides and validation messages. */
class GatewayConfigTest {

  @Test
  void noConfigurationMeansDevelopment() {
    GatewayConfig config = GatewayConfig.load(null, Map.of());

    assertEquals(Mode.DEVELOPMENT, config.mode());
  }

  @Test
  void configFileMeansProduction(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("authgate.yaml"), "http:\n  port: 9000\n");

    ConfigException error = assertThrows(ConfigException.class, () -> GatewayConfig.load(file, Map.of()));

    assertTrue(error.getMessage().startsWith("Production mode needs"), error.getMessage());
  }

  @Test
  void productionNamesEveryMissingSetting() {
    ConfigException error = assertThrows(ConfigException.class,
        () -> GatewayConfig.load(null, Map.of("AUTHGATE_MODE", "production")));

    assertTrue(error.getMessage().contains("redis.url (AUTHGATE_REDIS_URL)"), error.getMessage());
    assertTrue(error.getMessage().contains("tokens.signing-keys (AUTHGATE_TOKENS_SIGNING_KEYS)"), error.getMessage());
  }

  @Test
  void fileCanChooseDevelopmentExplicitly(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("authgate.yaml"), "mode: development\n");

    assertEquals(Mode.DEVELOPMENT, GatewayConfig.load(file, Map.of()).mode());
  }

  @Test
  void environmentOverridesPortAndRedis() {
    GatewayConfig config = GatewayConfig.load(null, Map.of(
        "AUTHGATE_HTTP_PORT", "9090", "AUTHGATE_REDIS_URL", "redis://127.0.0.1:7000,redis://127.0.0.1:7001"));

    assertEquals(9090, config.http().port());
    assertEquals(List.of("redis://127.0.0.1:7000", "redis://127.0.0.1:7001"), config.redis().urls());
  }

  @Test
  void defaultsMatchDocumentedValues() {
    GatewayConfig config = GatewayConfig.load(null, Map.of());

    assertEquals(8080, config.http().port());
    assertEquals(300, config.tokens().accessTtlSeconds());
    assertEquals("RS256", config.tokens().algorithm());
    assertEquals(2000, config.redis().timeoutMs());
    assertEquals(16384, config.http().maxBodyBytes());
  }

  @Test
  void nonNumericPortNamesVariable() {
    ConfigException error = assertThrows(ConfigException.class,
        () -> GatewayConfig.load(null, Map.of("AUTHGATE_HTTP_PORT", "eighty")));

    assertTrue(error.getMessage().contains("AUTHGATE_HTTP_PORT"), error.getMessage());
    assertTrue(error.getMessage().contains("eighty"), error.getMessage());
  }

  @Test
  void unknownKeyInFileIsRejected(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("authgate.yaml"), "mode: development\nhttp:\n  prot: 9000\n");

    ConfigException error = assertThrows(ConfigException.class, () -> GatewayConfig.load(file, Map.of()));

    assertTrue(error.getMessage().contains("'http.prot'"), error.getMessage());
  }

  @Test
  void nonRedisUrlIsRejected() {
    ConfigException error = assertThrows(ConfigException.class,
        () -> GatewayConfig.load(null, Map.of("AUTHGATE_REDIS_URL", "http://cache:6379")));

    assertTrue(error.getMessage().contains("redis.url"), error.getMessage());
  }

  @Test
  void refreshMustOutliveAccessToken() {
    ConfigException error = assertThrows(ConfigException.class, () -> GatewayConfig.load(null, Map.of(
        "AUTHGATE_TOKENS_ACCESS_TTL_SECONDS", "600", "AUTHGATE_TOKENS_REFRESH_TTL_SECONDS", "300")));

    assertTrue(error.getMessage().contains("tokens.refresh-ttl-seconds"), error.getMessage());
  }

  @Test
  void missingFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");

    ConfigException error = assertThrows(ConfigException.class, () -> GatewayConfig.load(missing, Map.of()));

    assertTrue(error.getMessage().contains(missing.toString()), error.getMessage());
  }

  @Test
  void environmentNameFollowsKey() {
    assertEquals("AUTHGATE_TOKENS_ACCESS_TTL_SECONDS", ConfigSource.environmentName("tokens.access-ttl-seconds"));
  }
}
