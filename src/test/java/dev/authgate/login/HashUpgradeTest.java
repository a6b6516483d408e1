package dev.authgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authgate.audit.AuditEvent;
import dev.authgate.audit.AuditLog;
import dev.authgate.config.GatewayConfig;
import dev.authgate.metrics.GatewayMetrics;
import dev.authgate.password.PasswordHasher;
import dev.authgate.redis.RedisKeys;
import dev.authgate.redis.RedisStore;
import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import dev.authgate.testing.TestUsers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Response;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Imported bcrypt and PBKDF2 hashes become Argon2id after a successful login, and the compare-and-swap never
 * overwrites a password that changed in the meantime. The login tests wait for the {@code hash_upgrade} audit
 * entry with XREAD BLOCK, so they need no sleep.
 */
class HashUpgradeTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create();

  private static final String PASSWORD = "imported-password-81";
  private static final String NEW_PASSWORD = "changed-password-93";

  static TestGateway gateway;
  /** A connection whose timeout outlasts XREAD BLOCK. */
  static RedisStore redis;
  static VerifyPool pool;
  static PasswordHasher hasher;
  static HashUpgrade upgrades;

  @BeforeAll
  static void startGateway() {
    gateway = TestGateway.start(REDIS.uri(), Map.of(
        "AUTHGATE_PASSWORD_ARGON2_MEMORY_KIB", Integer.toString(TestUsers.FAST.memoryKib()),
        "AUTHGATE_PASSWORD_ARGON2_ITERATIONS", Integer.toString(TestUsers.FAST.iterations())));
    GatewayConfig.Redis settings = gateway.config().redis();
    redis = RedisStore.create(gateway.vertx(), new GatewayConfig.Redis(
        settings.urls(), settings.type(), settings.masterName(), 2, 100, 10_000, 1), null);
    hasher = PasswordHasher.create("auto", TestUsers.FAST);
    pool = new VerifyPool(gateway.vertx(), 1, 4, 1, new GatewayMetrics());
    AuditLog audit = new AuditLog(redis, "ag:audit", 1_000, gateway.clock(), null);
    upgrades = new HashUpgrade(redis, pool, hasher, audit);
  }

  @AfterAll
  static void stopGateway() throws Exception {
    pool.close().await(5, TimeUnit.SECONDS);
    redis.close().await(5, TimeUnit.SECONDS);
    gateway.assertNoBlockedThreads();
    gateway.close();
  }

  @Test
  void bcryptHashBecomesArgon2idAfterLogin() {
    writeUser("u-erin", "erin", OpenBSDBCrypt.generate("2b", PASSWORD.toCharArray(), salt(), 4));

    JsonObject tokens = gateway.login("erin", PASSWORD);
    Map<String, String> event = awaitUpgradeOf("u-erin");

    assertTrue(storedHash("u-erin").startsWith("$argon2id$"), storedHash("u-erin"));
    assertEquals("success", event.get("outcome"));
    assertEquals("2b", event.get("reason"));
    assertEquals(tokens.getString("refresh_token").split("\\.")[0], event.get("session_id"));
  }

  @Test
  void upgradedHashStillLogsIn() {
    writeUser("u-frank", "frank", OpenBSDBCrypt.generate("2y", PASSWORD.toCharArray(), salt(), 4));
    gateway.login("frank", PASSWORD);
    awaitUpgradeOf("u-frank");

    JsonObject second = gateway.login("frank", PASSWORD);

    assertTrue(second.containsKey("access_token"));
  }

  @Test
  void pbkdf2HashBecomesArgon2idAfterLogin() throws Exception {
    writeUser("u-grace", "grace", pbkdf2Sha256(PASSWORD));

    gateway.login("grace", PASSWORD);
    Map<String, String> event = awaitUpgradeOf("u-grace");

    assertTrue(storedHash("u-grace").startsWith("$argon2id$"), storedHash("u-grace"));
    assertEquals("pbkdf2-sha256", event.get("reason"));
  }

  @Test
  void concurrentPasswordChangeWins() {
    String imported = OpenBSDBCrypt.generate("2b", PASSWORD.toCharArray(), salt(), 4);
    writeUser("u-heidi", "heidi", imported);
    Credential verified = TestGateway.await(new CredentialStore(redis).findById("u-heidi")).orElseThrow();
    String changed = hasher.hash(NEW_PASSWORD);
    writeUser("u-heidi", "heidi", changed);

    HashUpgrade.Result result = TestGateway.await(upgrades.upgradeIfNeeded(verified, PASSWORD, context()));

    assertEquals(HashUpgrade.Result.CHANGED, result);
    assertEquals(changed, storedHash("u-heidi"));
  }

  @Test
  void concurrentChangeAudited() {
    writeUser("u-ivan", "ivan", OpenBSDBCrypt.generate("2b", PASSWORD.toCharArray(), salt(), 4));
    Credential verified = TestGateway.await(new CredentialStore(redis).findById("u-ivan")).orElseThrow();
    writeUser("u-ivan", "ivan", hasher.hash(NEW_PASSWORD));

    TestGateway.await(upgrades.upgradeIfNeeded(verified, PASSWORD, context()));

    Map<String, String> event = awaitUpgradeOf("u-ivan");
    assertEquals("failure", event.get("outcome"));
    assertEquals("password_changed", event.get("reason"));
  }

  @Test
  void currentHashNotRehashed() {
    writeUser("u-judy", "judy", hasher.hash(PASSWORD));
    Credential verified = TestGateway.await(new CredentialStore(redis).findById("u-judy")).orElseThrow();

    assertEquals(HashUpgrade.Result.NOT_NEEDED, TestGateway.await(upgrades.upgradeIfNeeded(verified, PASSWORD, context())));
  }

  @Test
  void swapKeepsRestOfDocumentByteForByte() {
    String document = "{\"id\":\"u-kim\",\"username\":\"kim\",\"email\":\"kim@example.com\",\"password_hash\":\"$2b$04$old\","
        + "\"status\":\"active\",\"roles\":[],\"permissions\":[],\"note\":\"Zoë\"}";
    TestGateway.await(redis.send(Command.SET, RedisKeys.credential("u-kim"), document));

    HashUpgrade.Result result = TestGateway.await(upgrades.storeIfUnchanged("u-kim", "$2b$04$old", "$argon2id$new"));

    assertEquals(HashUpgrade.Result.REPLACED, result);
    assertEquals(document.replace("$2b$04$old", "$argon2id$new"), storedDocument("u-kim"));
  }

  @Test
  void swapLeavesEscapedHashAlone() {
    // JSON allows "\/" for "/". The text edit cannot find such a hash, so it must not write at all.
    String document = "{\"id\":\"u-lee\",\"password_hash\":\"$2b$04$a\\/b\",\"roles\":[]}";
    TestGateway.await(redis.send(Command.SET, RedisKeys.credential("u-lee"), document));

    HashUpgrade.Result result = TestGateway.await(upgrades.storeIfUnchanged("u-lee", "$2b$04$a/b", "$argon2id$new"));

    assertEquals(HashUpgrade.Result.SKIPPED, result);
    assertEquals(document, storedDocument("u-lee"));
  }

  @Test
  void swapSkipsMissingDocument() {
    assertEquals(HashUpgrade.Result.SKIPPED,
        TestGateway.await(upgrades.storeIfUnchanged("u-nobody", "$2b$04$old", "$argon2id$new")));
  }

  private static void writeUser(String id, String username, String passwordHash) {
    JsonObject user = new JsonObject().put("id", id).put("username", username).put("email", username + "@example.com")
        .put("password_hash", passwordHash).put("status", "active")
        .put("roles", new JsonArray().add("customer")).put("permissions", new JsonArray().add("accounts:read"));
    TestGateway.await(TestGateway.writeUsers(gateway.vertx(), gateway.config(), List.of(user)));
  }

  private static AuditEvent context() {
    return AuditEvent.of(AuditEvent.Type.HASH_UPGRADE, AuditEvent.Outcome.SUCCESS).withClient("192.0.2.5", "test");
  }

  private static String storedDocument(String userId) {
    return TestGateway.await(redis.send(Command.GET, RedisKeys.credential(userId))).toString();
  }

  private static String storedHash(String userId) {
    return new JsonObject(storedDocument(userId)).getString("password_hash");
  }

  /** Reads the audit stream with XREAD BLOCK until a hash_upgrade entry for the user appears, for at most 10 s. */
  private static Map<String, String> awaitUpgradeOf(String userId) {
    String lastId = "0";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      Response reply = TestGateway.await(redis.send(Command.XREAD, "COUNT", 100, "BLOCK", 2_000, "STREAMS", "ag:audit", lastId));
      if (reply == null) {
        continue;
      }
      // RESP3, which the Vert.x client speaks, returns XREAD as a map from stream key to entries.
      for (Response entry : reply.get("ag:audit")) {
        lastId = entry.get(0).toString();
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < entry.get(1).size(); i += 2) {
          fields.put(entry.get(1).get(i).toString(), entry.get(1).get(i + 1).toString());
        }
        if ("hash_upgrade".equals(fields.get("event")) && userId.equals(fields.get("subject"))) {
          return fields;
        }
      }
    }
    throw new AssertionError("No hash_upgrade audit entry for " + userId + " within 10 s");
  }

  private static byte[] salt() {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    return salt;
  }

  private static String pbkdf2Sha256(String password) throws Exception {
    byte[] salt = salt();
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, 1_000, 256);
    byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
    return "$pbkdf2-sha256$i=1000$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
  }
}
