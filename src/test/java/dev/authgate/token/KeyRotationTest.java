package dev.authgate.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authgate.config.ConfigException;
import dev.authgate.config.GatewayConfig;
import dev.authgate.config.GatewayConfig.KeyState;
import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import dev.authgate.testing.TestUsers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Signing-key life cycle: next keys are published early, retired keys keep verifying their tokens. */
class KeyRotationTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create();

  // Restarted gateways get new ports; a fixed issuer keeps tokens valid across them, as in production.
  private static final Map<String, String> ISSUER = Map.of("AUTHGATE_TOKENS_ISSUER", "https://auth.bank.test");
  private static final SigningKey OLD = SigningKeyLoader.generate("2026-11", "RS256");
  private static final SigningKey NEW = SigningKeyLoader.generate("2026-12", "RS256");

  @Test
  void nextKeyIsPublishedBeforeSigning() {
    try (TestGateway gateway = TestGateway.start(REDIS.uri(), ISSUER,
        List.of(OLD.withState(KeyState.ACTIVE), NEW.withState(KeyState.NEXT)))) {
      String token = gateway.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).getString("access_token");

      assertEquals(Set.of("2026-11", "2026-12"), publishedKids(gateway));
      assertEquals("2026-11", kidOf(token));
      gateway.assertNoBlockedThreads();
    }
  }

  @Test
  void tokenFromRetiredKeyStillVerifies() {
    String oldToken;
    try (TestGateway before = TestGateway.start(REDIS.uri(), ISSUER,
        List.of(OLD.withState(KeyState.ACTIVE), NEW.withState(KeyState.NEXT)))) {
      oldToken = before.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).getString("access_token");
    }

    try (TestGateway after = TestGateway.start(REDIS.uri(), ISSUER,
        List.of(OLD.withState(KeyState.RETIRED), NEW.withState(KeyState.ACTIVE)))) {
      String newToken = after.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).getString("access_token");

      assertEquals(200, after.getWithToken("/me", oldToken).statusCode(), "token signed before the rotation");
      assertEquals("2026-12", kidOf(newToken));
      assertEquals(Set.of("2026-11", "2026-12"), publishedKids(after), "the JWKS keeps the retired key");
      after.assertNoBlockedThreads();
    }
  }

  @Test
  void removedKeyNoLongerVerifies() {
    String oldToken;
    try (TestGateway before = TestGateway.start(REDIS.uri(), ISSUER, List.of(OLD.withState(KeyState.ACTIVE)))) {
      oldToken = before.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).getString("access_token");
    }

    try (TestGateway after = TestGateway.start(REDIS.uri(), ISSUER, List.of(NEW.withState(KeyState.ACTIVE)))) {
      assertEquals(401, after.getWithToken("/me", oldToken).statusCode());
    }
  }

  @Test
  void twoActiveKeysAreRejected(@TempDir Path dir) throws Exception {
    Path first = generate(dir, "a");
    Path second = generate(dir, "b");
    String keys = new JsonArray()
        .add(new JsonObject().put("kid", "a").put("private-key-file", first.toString()).put("state", "active"))
        .add(new JsonObject().put("kid", "b").put("private-key-file", second.toString()).put("state", "active"))
        .encode();

    ConfigException error = assertThrows(ConfigException.class,
        () -> GatewayConfig.load(null, Map.of("AUTHGATE_TOKENS_SIGNING_KEYS", keys)));

    assertTrue(error.getMessage().contains("exactly one key in state active"), error.getMessage());
  }

  @Test
  void generatedKeyLoadsFromConfig(@TempDir Path dir) throws Exception {
    Path privateFile = generate(dir, "2027-01");
    String keys = new JsonArray()
        .add(new JsonObject().put("kid", "2027-01").put("private-key-file", privateFile.toString()).put("state", "active"))
        .encode();
    GatewayConfig config = GatewayConfig.load(null, Map.of("AUTHGATE_TOKENS_SIGNING_KEYS", keys));

    List<SigningKey> loaded = SigningKeyLoader.load(config.tokens());

    assertEquals("2027-01", loaded.get(0).kid());
    assertEquals(KeyState.ACTIVE, loaded.get(0).state());
  }

  @Test
  void generateRefusesToOverwrite(@TempDir Path dir) throws Exception {
    generate(dir, "dup");

    assertThrows(ConfigException.class, () -> generate(dir, "dup"));
  }

  private static Path generate(Path dir, String kid) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    KeyGenerateCommand.run(new String[] {"keys", "generate", "--kid", kid, "--dir", dir.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8));
    Path privateFile = dir.resolve(kid + ".key");
    assertTrue(Files.isRegularFile(privateFile), out.toString(StandardCharsets.UTF_8));
    return privateFile;
  }

  private static Set<String> publishedKids(TestGateway gateway) {
    JsonArray keys = gateway.getWithToken("/.well-known/jwks.json", null).bodyAsJsonObject().getJsonArray("keys");
    return keys.stream().map(key -> ((JsonObject) key).getString("kid")).collect(Collectors.toSet());
  }

  private static String kidOf(String jwt) {
    String header = new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))), StandardCharsets.UTF_8);
    return new JsonObject(header).getString("kid");
  }
}
