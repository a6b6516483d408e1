package dev.authgate.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authgate.devmode.DemoDataSeeder;
import dev.authgate.http.ProblemHandler;
import dev.authgate.testing.RedisClusterFixture;
import dev.authgate.testing.TestGateway;
import dev.authgate.testing.TestUsers;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The gateway on a three-node, master-only Redis Cluster ({@code redis.type: cluster}): every endpoint that
 * touches Redis runs once, so a command or script whose keys span slots fails here with CROSSSLOT.
 */
@EnabledIf(value = "dev.authgate.testing.Tools#redisToolsOnPath",
    disabledReason = "redis-server and redis-cli must be on the PATH to run a Redis Cluster")
class RedisClusterTest {

  private static final String ATTACKER_IP = "203.0.113.77";
  private static final String WRONG_PASSWORD = "not-the-password-8d2";
  private static final String AUDIT_KEY = "ag:audit";
  /** Bounded wait for audit entries, which are written after the response: 50 tries of 100 ms. */
  private static final int AUDIT_POLLS = 50;

  static RedisClusterFixture cluster;
  static TestGateway gateway;

  @BeforeAll
  static void startGateway() throws IOException {
    cluster = RedisClusterFixture.start();
    gateway = TestGateway.start(cluster.urls(), Map.of(
        "AUTHGATE_REDIS_TYPE", "cluster",
        "AUTHGATE_HTTP_TRUSTED_PROXIES", "[\"127.0.0.1\"]",
        "AUTHGATE_THROTTLE_BASE_DELAY_SECONDS", "1",
        "AUTHGATE_THROTTLE_ACCOUNT_IP_FREE_FAILURES", "3",
        "AUTHGATE_THROTTLE_ACCOUNT_IP_MAX_DELAY_SECONDS", "60"));
  }

  @AfterAll
  static void stopGateway() {
    try {
      if (gateway != null) {
        gateway.assertNoBlockedThreads();
        gateway.close();
      }
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  @Test
  void loginReturnsTokenPair() {
    HttpResponse<Buffer> response = gateway.postJson("/auth/login",
        new JsonObject().put("username", TestUsers.ALICE).put("password", TestUsers.ALICE_PASSWORD));

    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertNotNull(response.bodyAsJsonObject().getString("access_token"), "access_token");
    assertNotNull(response.bodyAsJsonObject().getString("refresh_token"), "refresh_token");
  }

  @Test
  void meReturnsProfile() {
    String accessToken = loginAlice().getString("access_token");

    HttpResponse<Buffer> me = gateway.getWithToken("/me", accessToken);

    assertEquals(200, me.statusCode(), me.bodyAsString());
    assertEquals(TestUsers.ALICE, me.bodyAsJsonObject().getString("username"));
  }

  @Test
  void refreshRotatesPair() {
    String old = loginAlice().getString("refresh_token");

    HttpResponse<Buffer> refreshed = refresh(old);

    assertEquals(200, refreshed.statusCode(), refreshed.bodyAsString());
    assertNotEquals(old, refreshed.bodyAsJsonObject().getString("refresh_token"), "refresh token was not rotated");
  }

  @Test
  void refreshRetryInsideGraceGetsSamePair() {
    String old = loginAlice().getString("refresh_token");
    JsonObject first = refresh(old).bodyAsJsonObject();
    gateway.clock().advance(Duration.ofSeconds(5));

    HttpResponse<Buffer> again = refresh(old);

    assertEquals(200, again.statusCode(), again.bodyAsString());
    assertEquals(first.getString("refresh_token"), again.bodyAsJsonObject().getString("refresh_token"));
    assertEquals(first.getString("access_token"), again.bodyAsJsonObject().getString("access_token"));
  }

  @Test
  void wrongPasswordsGetThrottled() {
    for (int i = 1; i <= 3; i++) {
      HttpResponse<Buffer> failed = loginFrom(TestUsers.CAROL, WRONG_PASSWORD, ATTACKER_IP);
      assertEquals(401, failed.statusCode(), "wrong password " + i + ": " + failed.bodyAsString());
    }

    HttpResponse<Buffer> throttled = loginFrom(TestUsers.CAROL, WRONG_PASSWORD, ATTACKER_IP);

    assertEquals(429, throttled.statusCode(), throttled.bodyAsString());
    assertEquals("1", throttled.getHeader("Retry-After"));
    assertEquals("urn:authgate:problem:login-throttled", throttled.bodyAsJsonObject().getString("type"));
  }

  @Test
  void logoutEndsSession() {
    JsonObject session = loginAlice();

    HttpResponse<Buffer> logout = logout(session.getString("access_token"), new JsonObject());

    assertEquals(204, logout.statusCode(), logout.bodyAsString());
    assertInvalidToken(gateway.getWithToken("/me", session.getString("access_token")));
    assertEquals(401, refresh(session.getString("refresh_token")).statusCode(), "refresh after logout");
  }

  @Test
  void logoutAllEndsEverySession() {
    JsonObject phone = gateway.login(TestUsers.CAROL, TestUsers.CAROL_PASSWORD);
    JsonObject tablet = gateway.login(TestUsers.CAROL, TestUsers.CAROL_PASSWORD);

    HttpResponse<Buffer> logout = logout(phone.getString("access_token"), new JsonObject().put("all", true));

    assertEquals(204, logout.statusCode(), logout.bodyAsString());
    assertInvalidToken(gateway.getWithToken("/me", phone.getString("access_token")));
    assertInvalidToken(gateway.getWithToken("/me", tablet.getString("access_token")));
    assertEquals(401, refresh(tablet.getString("refresh_token")).statusCode(), "refresh of the other session");
  }

  @Test
  void verifyAllowsLiveSession() {
    String accessToken = loginAlice().getString("access_token");

    HttpResponse<Buffer> verify = verify(accessToken);

    assertEquals(200, verify.statusCode(), verify.bodyAsString());
    assertEquals("u-alice", verify.getHeader("X-Auth-Subject"));
  }

  @Test
  void verifyRejectsLoggedOutSession() {
    String accessToken = loginAlice().getString("access_token");
    assertEquals(200, verify(accessToken).statusCode(), "verify before logout");
    assertEquals(204, logout(accessToken, new JsonObject()).statusCode(), "logout");

    HttpResponse<Buffer> verify = verify(accessToken);

    assertEquals(401, verify.statusCode(), verify.bodyAsString());
    assertEquals("urn:authgate:problem:invalid-token", verify.bodyAsJsonObject().getString("type"));
  }

  @Test
  void readinessReportsRedisUp() {
    HttpResponse<Buffer> ready = gateway.getWithToken("/health/ready", null);

    assertEquals(200, ready.statusCode(), ready.bodyAsString());
    assertEquals("UP", ready.bodyAsJsonObject().getJsonObject("checks").getString("redis"));
  }

  @Test
  void auditStreamRecordsLoginAndLogout() {
    String accessToken = loginAlice().getString("access_token");
    assertEquals(204, logout(accessToken, new JsonObject()).statusCode(), "logout");

    List<String> events = auditEventsUntil("logout");

    assertTrue(events.contains("login"), "no login entry in " + AUDIT_KEY + ": " + events);
    assertTrue(events.contains("logout"), "no logout entry in " + AUDIT_KEY + ": " + events);
  }

  @Test
  void demoSeederWritesAcrossSlots() {
    RedisStore redis = RedisStore.create(gateway.vertx(), gateway.config().redis(), null);
    try {
      int users = TestGateway.await(DemoDataSeeder.seed(gateway.vertx(), redis, Path.of("conf/demo-profiles.jsonl")));

      assertTrue(users > 0, "no users seeded");
    } finally {
      redis.close();
    }
  }

  private static JsonObject loginAlice() {
    return gateway.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD);
  }

  private static HttpResponse<Buffer> loginFrom(String user, String password, String clientIp) {
    return TestGateway.await(gateway.client().post("/auth/login")
        .putHeader("Content-Type", "application/json")
        .putHeader("X-Forwarded-For", clientIp)
        .sendBuffer(new JsonObject().put("username", user).put("password", password).toBuffer()));
  }

  private static HttpResponse<Buffer> refresh(String refreshToken) {
    return gateway.postJson("/auth/refresh", new JsonObject().put("refresh_token", refreshToken));
  }

  private static HttpResponse<Buffer> logout(String accessToken, JsonObject body) {
    return TestGateway.await(gateway.client().post("/auth/logout")
        .putHeader("Authorization", "Bearer " + accessToken)
        .putHeader("Content-Type", "application/json")
        .sendBuffer(body.toBuffer()));
  }

  /** Asks as NGINX auth_request does, for a route that alice may use. */
  private static HttpResponse<Buffer> verify(String accessToken) {
    return TestGateway.await(gateway.client().get("/auth/verify")
        .putHeader("X-Original-Method", "GET")
        .putHeader("X-Original-URI", "/accounts/1")
        .putHeader("X-Forwarded-Host", "api.bank.example")
        .putHeader("Authorization", "Bearer " + accessToken)
        .send());
  }

  /** Reads the event names in {@value #AUDIT_KEY} with a cluster client until {@code event} appears. */
  private static List<String> auditEventsUntil(String event) {
    RedisStore redis = RedisStore.create(gateway.vertx(), gateway.config().redis(), null);
    try {
      List<String> events = auditEvents(redis);
      for (int poll = 0; poll < AUDIT_POLLS && !events.contains(event); poll++) {
        TestGateway.await(gateway.vertx().timer(100));
        events = auditEvents(redis);
      }
      return events;
    } finally {
      redis.close();
    }
  }

  private static List<String> auditEvents(RedisStore redis) {
    Response entries = TestGateway.await(redis.send(Command.XRANGE, AUDIT_KEY, "-", "+"));
    List<String> events = new ArrayList<>();
    for (Response entry : entries) {
      Response fields = entry.get(1);
      for (int i = 0; i + 1 < fields.size(); i += 2) {
        if ("event".equals(fields.get(i).toString())) {
          events.add(fields.get(i + 1).toString());
        }
      }
    }
    return events;
  }

  private static void assertInvalidToken(HttpResponse<Buffer> response) {
    assertEquals(401, response.statusCode(), response.bodyAsString());
    assertEquals(ProblemHandler.CONTENT_TYPE, response.getHeader("Content-Type"));
    assertEquals("urn:authgate:problem:invalid-token", response.bodyAsJsonObject().getString("type"));
  }
}
