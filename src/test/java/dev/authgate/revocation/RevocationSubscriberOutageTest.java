package dev.authgate.revocation;

import static dev.authgate.revocation.BroadcastRequests.LOOKUPS;
import static dev.authgate.revocation.BroadcastRequests.isSubscribed;
import static dev.authgate.revocation.BroadcastRequests.logout;
import static dev.authgate.revocation.BroadcastRequests.metric;
import static dev.authgate.revocation.BroadcastRequests.pollForStatus;
import static dev.authgate.revocation.BroadcastRequests.pollUntil;
import static dev.authgate.revocation.BroadcastRequests.retryWhileUnavailable;
import static dev.authgate.revocation.BroadcastRequests.verify;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import dev.authgate.testing.TestUsers;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kills the Redis of two running gateways and restarts it on the same port. A gateway that is not subscribed
 * must look every session up in Redis. After it subscribes again it must not reuse lookups made before the
 * gap, because revocations published meanwhile never reached it. The test Redis keeps no data across a
 * restart, so the kill ends every session without any message, which is the case of a lost revocation.
 */
class RevocationSubscriberOutageTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create();

  /** A short Redis timeout, so that requests on pooled connections to the killed process fail fast. */
  private static final Map<String, String> SETTINGS = BroadcastRequests.withSharedIssuer(Map.of(
      "AUTHGATE_FORWARD_AUTH_REVOCATION_CHECK_SECONDS", "30",
      "AUTHGATE_REDIS_TIMEOUT_MS", "500"));

  static TestGateway gatewayA;
  static TestGateway gatewayB;

  @BeforeAll
  static void startGateways() {
    gatewayA = TestGateway.start(REDIS.uri(), SETTINGS);
    gatewayB = TestGateway.start(REDIS.uri(), SETTINGS);
  }

  @AfterAll
  static void stopGateways() {
    try {
      gatewayA.assertNoBlockedThreads();
      gatewayB.assertNoBlockedThreads();
    } finally {
      gatewayA.close();
      gatewayB.close();
    }
  }

  /** Writes the users again, because the extension restarts a Redis that an earlier test killed, empty. */
  @BeforeEach
  void writeUsersAndAwaitSubscriptions() {
    writeUsers();
    assertTrue(pollUntil(() -> isSubscribed(gatewayA)), "A did not subscribe");
    assertTrue(pollUntil(() -> isSubscribed(gatewayB)), "B did not subscribe");
  }

  @Test
  void subscriptionLostWhenRedisDies() {
    REDIS.server().kill();

    assertTrue(pollUntil(() -> !isSubscribed(gatewayB)), "B still reports a subscription");
  }

  @Test
  void unsubscribedGatewayAsksRedis() {
    String token = login();
    assertEquals(200, verify(gatewayB, token).statusCode());

    REDIS.server().kill();
    assertTrue(pollUntil(() -> !isSubscribed(gatewayB)), "B still reports a subscription");

    // A reused lookup would return 200, but asking the dead Redis fails closed.
    assertEquals(503, verify(gatewayB, token).statusCode());
  }

  @Test
  void lookupsBeforeGapNotReused() throws IOException {
    String token = login();
    assertEquals(200, verify(gatewayB, token).statusCode());

    REDIS.server().kill();
    assertTrue(pollUntil(() -> !isSubscribed(gatewayB)), "B still reports a subscription");
    REDIS.server().restart();
    writeUsers();
    assertTrue(pollUntil(() -> isSubscribed(gatewayB)), "B did not subscribe again");

    // The restart lost the session and no message announced it: only a new lookup can reject the token.
    assertEquals(401, retryWhileUnavailable(() -> verify(gatewayB, token)).statusCode());
  }

  @Test
  void broadcastWorksAfterRestart() throws IOException {
    REDIS.server().kill();
    assertTrue(pollUntil(() -> !isSubscribed(gatewayB)), "B still reports a subscription");
    REDIS.server().restart();
    writeUsers();
    assertTrue(pollUntil(() -> isSubscribed(gatewayA)), "A did not subscribe again");
    assertTrue(pollUntil(() -> isSubscribed(gatewayB)), "B did not subscribe again");

    String token = login();
    assertEquals(200, retryWhileUnavailable(() -> verify(gatewayB, token)).statusCode());
    double lookupsBefore = metric(gatewayB, LOOKUPS);
    assertEquals(204, retryWhileUnavailable(() -> logout(gatewayA, token)).statusCode());
    HttpResponse<Buffer> rejected = pollForStatus(401, () -> verify(gatewayB, token));

    assertEquals(401, rejected.statusCode(), rejected.bodyAsString());
    assertEquals(lookupsBefore, metric(gatewayB, LOOKUPS), "B must reject the token without asking Redis");
  }

  private static String login() {
    HttpResponse<Buffer> response = retryWhileUnavailable(() -> gatewayA.postJson("/auth/login",
        new JsonObject().put("username", TestUsers.CAROL).put("password", TestUsers.CAROL_PASSWORD)));
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getString("access_token");
  }

  private static void writeUsers() {
    TestGateway.await(TestGateway.writeUsers(gatewayA.vertx(), gatewayA.config(), TestUsers.all()));
  }
}
