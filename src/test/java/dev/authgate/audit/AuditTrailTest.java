package dev.authgate.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authgate.redis.RedisStore;
import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import dev.authgate.testing.TestUsers;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every event that the gateway's endpoints write to the audit stream, read back with XRANGE: the stable
 * fields, the values that identify the event, and no secret anywhere in the stream.
 */
class AuditTrailTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create();

  private static final String CLIENT_IP = "198.51.100.40";
  private static final String USER_AGENT = "BankApp/7.1 (iOS 18.2)";
  private static final String WRONG_PASSWORD = "not-alices-password-5t7";
  private static final String DEVICE_ID = "audit-test-device-0001";

  static TestGateway gateway;
  static RedisStore redis;

  @BeforeAll
  static void startGateway() {
    gateway = TestGateway.start(REDIS.uri(), Map.of(
        "AUTHGATE_HTTP_TRUSTED_PROXIES", "[\"127.0.0.1\"]",
        "AUTHGATE_THROTTLE_ACCOUNT_IP_FREE_FAILURES", "3",
        // The test users' own Argon2id cost, so that no hash upgrade adds events to these tests.
        "AUTHGATE_PASSWORD_ARGON2_MEMORY_KIB", Integer.toString(TestUsers.FAST.memoryKib()),
        "AUTHGATE_PASSWORD_ARGON2_ITERATIONS", Integer.toString(TestUsers.FAST.iterations())));
    redis = RedisStore.create(gateway.vertx(), gateway.config().redis(), null);
  }

  @AfterAll
  static void stopGateway() throws Exception {
    redis.close().await(5, TimeUnit.SECONDS);
    gateway.assertNoBlockedThreads();
    gateway.close();
  }

  @BeforeEach
  void emptyRedis() throws IOException {
    REDIS.flushAll();
    TestGateway.await(TestGateway.writeUsers(gateway.vertx(), gateway.config(), TestUsers.all()));
  }

  @Test
  void loginSuccessRecorded() {
    JsonObject tokens = login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).bodyAsJsonObject();

    Map<String, String> entry = only("login");

    assertEquals(AuditStream.STABLE_FIELDS, List.copyOf(entry.keySet()));
    assertEquals("success", entry.get("outcome"));
    assertEquals("u-alice", entry.get("subject"));
    assertEquals(CLIENT_IP, entry.get("client_ip"));
    assertEquals(USER_AGENT, entry.get("user_agent"));
    assertEquals(sessionIdOf(tokens.getString("refresh_token")), entry.get("session_id"));
    assertEquals(DateTimeFormatter.ISO_INSTANT.format(gateway.clock().instant()), entry.get("time"));
  }

  @Test
  void wrongPasswordRecorded() {
    login(TestUsers.ALICE, WRONG_PASSWORD);

    Map<String, String> entry = only("login");

    assertEquals("failure", entry.get("outcome"));
    assertEquals("u-alice", entry.get("subject"));
    assertEquals("wrong_password", entry.get("reason"));
    assertEquals("", entry.get("session_id"));
  }

  @Test
  void unknownUserRecordedWithoutName() {
    login("mallory-typed-this", WRONG_PASSWORD);

    Map<String, String> entry = only("login");

    assertEquals("", entry.get("subject"));
    assertEquals("unknown_user", entry.get("reason"));
    assertTrue(entry.values().stream().noneMatch(value -> value.contains("mallory")), entry.toString());
  }

  @Test
  void lockedAccountRecorded() {
    login(TestUsers.DAVE_LOCKED, TestUsers.DAVE_PASSWORD);

    Map<String, String> entry = only("login");

    assertEquals("failure", entry.get("outcome"));
    assertEquals("account_locked", entry.get("reason"));
  }

  @Test
  void knownDeviceLoginMarked() {
    login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD, DEVICE_ID);
    login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD, DEVICE_ID);

    List<Map<String, String>> logins = AuditStream.ofType(entries(), "login");

    assertEquals("known_device", logins.get(1).get("reason"));
  }

  @Test
  void throttledLoginRecorded() {
    for (int i = 0; i < 3; i++) {
      login(TestUsers.ALICE, WRONG_PASSWORD);
    }
    assertEquals(429, login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).statusCode());

    Map<String, String> entry = only("login_throttled");

    assertEquals(AuditStream.STABLE_FIELDS, List.copyOf(entry.keySet()).subList(0, 7));
    assertEquals("failure", entry.get("outcome"));
    assertEquals("u-alice", entry.get("subject"));
    assertEquals("account_ip", entry.get("reason"));
  }

  @Test
  void refreshRecorded() {
    JsonObject tokens = login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).bodyAsJsonObject();
    assertEquals(200, refresh(tokens.getString("refresh_token")).statusCode());

    Map<String, String> entry = only("refresh");

    assertEquals("success", entry.get("outcome"));
    assertEquals("u-alice", entry.get("subject"));
    assertEquals(sessionIdOf(tokens.getString("refresh_token")), entry.get("session_id"));
    assertEquals(CLIENT_IP, entry.get("client_ip"));
  }

  @Test
  void refreshReuseRecorded() {
    String first = login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).bodyAsJsonObject().getString("refresh_token");
    assertEquals(200, refresh(first).statusCode());
    gateway.clock().advance(Duration.ofSeconds(gateway.config().tokens().refreshGraceSeconds() + 1));
    assertEquals(401, refresh(first).statusCode());

    Map<String, String> entry = only("refresh_reuse");

    assertEquals("failure", entry.get("outcome"));
    assertEquals("u-alice", entry.get("subject"));
    assertEquals(sessionIdOf(first), entry.get("session_id"));
    assertEquals("session_revoked", entry.get("reason"));
  }

  @Test
  void logoutRecorded() {
    JsonObject tokens = login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).bodyAsJsonObject();
    assertEquals(204, logout(tokens.getString("access_token"), new JsonObject()).statusCode());

    Map<String, String> entry = only("logout");

    assertEquals("success", entry.get("outcome"));
    assertEquals("u-alice", entry.get("subject"));
    assertEquals(sessionIdOf(tokens.getString("refresh_token")), entry.get("session_id"));
  }

  @Test
  void logoutEverywhereMarked() {
    JsonObject tokens = login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).bodyAsJsonObject();
    assertEquals(204, logout(tokens.getString("access_token"), new JsonObject().put("all", true)).statusCode());

    assertEquals("all_sessions", only("logout").get("reason"));
  }

  @Test
  void streamHoldsNoSecrets() {
    JsonObject first = login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD, DEVICE_ID).bodyAsJsonObject();
    login(TestUsers.ALICE, WRONG_PASSWORD);
    JsonObject second = refresh(first.getString("refresh_token")).bodyAsJsonObject();
    logout(second.getString("access_token"), new JsonObject().put("refresh_token", second.getString("refresh_token")));

    List<String> secrets = new ArrayList<>(List.of(TestUsers.ALICE_PASSWORD, WRONG_PASSWORD, DEVICE_ID,
        first.getString("access_token"), first.getString("refresh_token"), secretOf(first.getString("refresh_token")),
        second.getString("access_token"), second.getString("refresh_token"), secretOf(second.getString("refresh_token"))));
    TestUsers.all().forEach(user -> secrets.add(user.getString("password_hash")));

    List<Map<String, String>> entries = entries();
    assertEquals(4, entries.size(), entries.toString());
    for (Map<String, String> entry : entries) {
      for (String secret : secrets) {
        assertTrue(entry.values().stream().noneMatch(value -> value.contains(secret)), "secret in " + entry);
      }
    }
  }

  private static HttpResponse<Buffer> login(String user, String password) {
    return login(user, password, null);
  }

  private static HttpResponse<Buffer> login(String user, String password, String deviceId) {
    JsonObject body = new JsonObject().put("username", user).put("password", password);
    if (deviceId != null) {
      body.put("device_id", deviceId);
    }
    return TestGateway.await(post("/auth/login").sendBuffer(body.toBuffer()));
  }

  private static HttpResponse<Buffer> refresh(String refreshToken) {
    return TestGateway.await(post("/auth/refresh").sendBuffer(new JsonObject().put("refresh_token", refreshToken).toBuffer()));
  }

  private static HttpResponse<Buffer> logout(String accessToken, JsonObject body) {
    return TestGateway.await(post("/auth/logout").putHeader("Authorization", "Bearer " + accessToken).sendBuffer(body.toBuffer()));
  }

  private static HttpRequest<Buffer> post(String path) {
    return gateway.client().post(path)
        .putHeader("Content-Type", "application/json")
        .putHeader("User-Agent", USER_AGENT)
        .putHeader("X-Forwarded-For", CLIENT_IP);
  }

  private static List<Map<String, String>> entries() {
    return AuditStream.entries(redis, "ag:audit");
  }

  /** Returns the one entry of the event type, failing when there is none or more than one. */
  private static Map<String, String> only(String event) {
    List<Map<String, String>> matching = AuditStream.ofType(entries(), event);
    assertEquals(1, matching.size(), "entries of type " + event + ": " + matching);
    return matching.get(0);
  }

  private static String sessionIdOf(String refreshToken) {
    return refreshToken.substring(0, refreshToken.indexOf('.'));
  }

  private static String secretOf(String refreshToken) {
    return refreshToken.substring(refreshToken.indexOf('.') + 1);
  }
}
