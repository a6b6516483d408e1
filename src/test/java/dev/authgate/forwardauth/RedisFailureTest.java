package dev.authgate.forwardauth;

import static dev.authgate.forwardauth.VerifyRequests.nginx;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.authgate.introspection.ClientSecrets;
import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import dev.authgate.testing.TestUsers;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code forward-auth.redis-failure} while the test's Redis is killed: {@code fail-closed} returns 503 for every
 * token. {@code grace} (30 s) still allows a token whose session Redis confirmed within the last 30 s, and
 * returns 503 for the rest. Two gateways share the one Redis. The extension restarts Redis, empty, before each
 * test, so each test writes the users again and logs in afresh. Both gateways look the session up on every
 * request ({@code revocation-check-seconds: 0}), so each request right after the kill reaches Redis.
 */
class RedisFailureTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create();

  private static final Duration GRACE = Duration.ofSeconds(30);
  private static final int ATTEMPTS = 50;
  /**
   * With a window, a lookup made just before the kill would be reused until the revocation subscriber notices
   * the lost connection, and the request would not reach Redis at all.
   */
  private static final String REVOCATION_CHECK_SECONDS = "AUTHGATE_FORWARD_AUTH_REVOCATION_CHECK_SECONDS";

  static TestGateway failClosed;
  static TestGateway grace;

  @BeforeAll
  static void startGateways() {
    failClosed = TestGateway.start(REDIS.uri(), Map.of(REVOCATION_CHECK_SECONDS, "0"));
    grace = TestGateway.start(REDIS.uri(), Map.of(
        REVOCATION_CHECK_SECONDS, "0",
        "AUTHGATE_FORWARD_AUTH_REDIS_FAILURE", "grace",
        "AUTHGATE_FORWARD_AUTH_REDIS_GRACE_SECONDS", Long.toString(GRACE.toSeconds())));
  }

  @AfterAll
  static void stopGateways() {
    try {
      failClosed.assertNoBlockedThreads();
      grace.assertNoBlockedThreads();
    } finally {
      failClosed.close();
      grace.close();
    }
  }

  @BeforeEach
  void writeUsers() {
    TestGateway.await(TestGateway.writeUsers(failClosed.vertx(), failClosed.config(), TestUsers.all()));
  }

  @Test
  void failClosedReturns503() throws Exception {
    String token = confirmedToken(failClosed);
    double before = VerifyRequests.metric(failClosed, "authgate_forward_auth_decisions_total{decision=\"unavailable\"}");

    REDIS.server().kill();
    HttpResponse<Buffer> response = nginx(failClosed, "GET", "/accounts/1", token);

    assertEquals(503, response.statusCode(), response.bodyAsString());
    assertEquals("1", response.getHeader("Retry-After"));
    assertEquals("urn:authgate:problem:store-unavailable", VerifyRequests.problemType(response));
    assertEquals(before + 1, VerifyRequests.metric(failClosed, "authgate_forward_auth_decisions_total{decision=\"unavailable\"}"));
  }

  @Test
  void introspectionFailClosedReturns503() throws Exception {
    String token = confirmedToken(failClosed);

    REDIS.server().kill();
    HttpResponse<Buffer> response = TestGateway.await(failClosed.client().post("/oauth/introspect")
        .putHeader("Authorization", ClientSecrets.basic("demo-resource-server", "demo-introspection-secret"))
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("token", token)));

    assertEquals(503, response.statusCode(), response.bodyAsString());
    assertEquals("urn:authgate:problem:store-unavailable", VerifyRequests.problemType(response));
  }

  @Test
  void graceAllowsRecentlyConfirmedSession() throws Exception {
    String token = confirmedToken(grace);
    double before = VerifyRequests.metric(grace, "authgate_forward_auth_decisions_total{decision=\"allow_grace\"}");

    REDIS.server().kill();
    HttpResponse<Buffer> response = nginx(grace, "GET", "/accounts/1", token);

    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals("u-carol", response.getHeader("X-Auth-Subject"));
    assertEquals(before + 1, VerifyRequests.metric(grace, "authgate_forward_auth_decisions_total{decision=\"allow_grace\"}"));
  }

  @Test
  void graceStillAppliesRules() throws Exception {
    String token = confirmedToken(grace);

    REDIS.server().kill();

    assertEquals(403, nginx(grace, "POST", "/payments/x", token).statusCode());
  }

  @Test
  void graceRefusesNeverConfirmedSession() throws Exception {
    String token = login(grace);

    REDIS.server().kill();

    assertEquals(503, nginx(grace, "GET", "/accounts/1", token).statusCode());
  }

  @Test
  void graceEndsAfterWindow() throws Exception {
    String token = confirmedToken(grace);
    REDIS.server().kill();

    grace.clock().advance(GRACE.plusSeconds(1));
    try {
      assertEquals(503, nginx(grace, "GET", "/accounts/1", token).statusCode());
    } finally {
      grace.clock().advance(GRACE.plusSeconds(1).negated());
    }
  }

  @Test
  void graceStillChecksSignature() throws Exception {
    String token = confirmedToken(grace);
    String[] parts = token.split("\\.");
    String otherSignature = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

    REDIS.server().kill();

    assertEquals(401, nginx(grace, "GET", "/accounts/1", otherSignature).statusCode());
  }

  @Test
  void graceKeepsKnownRevocation() throws Exception {
    String token = confirmedToken(grace);
    VerifyRequests.logout(grace, token);
    assertEquals(401, nginx(grace, "GET", "/accounts/1", token).statusCode());

    REDIS.server().kill();

    assertEquals(401, nginx(grace, "GET", "/accounts/1", token).statusCode());
  }

  /** Logs carol in and verifies her token once, so the gateway has seen her session live in Redis. */
  private static String confirmedToken(TestGateway gateway) throws InterruptedException {
    String token = login(gateway);
    HttpResponse<Buffer> first = retryWhileUnavailable(() -> nginx(gateway, "GET", "/accounts/1", token));
    assertEquals(200, first.statusCode(), first.bodyAsString());
    return token;
  }

  private static String login(TestGateway gateway) throws InterruptedException {
    HttpResponse<Buffer> response = retryWhileUnavailable(() -> gateway.postJson("/auth/login",
        new JsonObject().put("username", TestUsers.CAROL).put("password", TestUsers.CAROL_PASSWORD)));
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getString("access_token");
  }

  /**
   * Sends {@code request} until the status is something other than 503, at most {@link #ATTEMPTS} times. After the
   * extension restarted Redis, each verticle's pooled connections to the killed process fail until new ones open.
   */
  private static HttpResponse<Buffer> retryWhileUnavailable(Supplier<HttpResponse<Buffer>> request)
      throws InterruptedException {
    HttpResponse<Buffer> response = request.get();
    for (int attempt = 1; attempt < ATTEMPTS && response.statusCode() == 503; attempt++) {
      TimeUnit.MILLISECONDS.sleep(100);
      response = request.get();
    }
    return response;
  }
}
