package dev.authgate.revocation;

import static dev.authgate.revocation.BroadcastRequests.LOOKUPS;
import static dev.authgate.revocation.BroadcastRequests.logout;
import static dev.authgate.revocation.BroadcastRequests.metric;
import static dev.authgate.revocation.BroadcastRequests.pollForStatus;
import static dev.authgate.revocation.BroadcastRequests.refresh;
import static dev.authgate.revocation.BroadcastRequests.verify;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import dev.authgate.testing.TestUsers;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two gateways on one Redis, like stateless instances behind a load balancer, each reusing session lookups for
 * 30 s. A session ended on gateway A must be rejected by gateway B as soon as the revocation message arrives,
 * even for a token that B verified and cached before. The clocks stand still, so B would reuse its lookup for
 * the whole test: only the message can make it reject the token. Delivery is asynchronous, so B is polled
 * for at most 5 s.
 */
class RevocationBroadcastTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create();

  /**
   * Refresh-token grace 0, so that presenting a rotated refresh token once more counts as reuse at once,
   * without moving a clock past the grace window.
   */
  private static final Map<String, String> SETTINGS = BroadcastRequests.withSharedIssuer(Map.of(
      "AUTHGATE_FORWARD_AUTH_REVOCATION_CHECK_SECONDS", "30",
      "AUTHGATE_TOKENS_REFRESH_GRACE_SECONDS", "0"));

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

  @Test
  void logoutOnARejectedOnB() {
    String token = login();

    assertEquals(204, logout(gatewayA, token).statusCode());

    assertEquals(401, pollForStatus(401, () -> verify(gatewayB, token)).statusCode());
  }

  @Test
  void cachedTokenRejectedOnB() {
    String token = login();
    assertEquals(200, verify(gatewayB, token).statusCode());
    double lookupsBefore = metric(gatewayB, LOOKUPS);

    assertEquals(204, logout(gatewayA, token).statusCode());
    HttpResponse<Buffer> rejected = pollForStatus(401, () -> verify(gatewayB, token));

    assertEquals(401, rejected.statusCode(), rejected.bodyAsString());
    assertEquals(lookupsBefore, metric(gatewayB, LOOKUPS), "B must reject the token without asking Redis");
  }

  @Test
  void ownLogoutRejectedAtOnce() {
    String token = login();
    assertEquals(200, verify(gatewayA, token).statusCode());

    assertEquals(204, logout(gatewayA, token).statusCode());

    assertEquals(401, verify(gatewayA, token).statusCode());
  }

  @Test
  void logoutEverywhereRejectedOnB() {
    String first = login();
    String second = login();
    assertEquals(200, verify(gatewayB, first).statusCode());
    assertEquals(200, verify(gatewayB, second).statusCode());

    HttpResponse<Buffer> loggedOut = TestGateway.await(gatewayA.client().post("/auth/logout")
        .putHeader("Authorization", "Bearer " + first).putHeader("Content-Type", "application/json")
        .sendBuffer(new JsonObject().put("all", true).toBuffer()));
    assertEquals(204, loggedOut.statusCode(), loggedOut.bodyAsString());

    assertEquals(401, pollForStatus(401, () -> verify(gatewayB, first)).statusCode());
    assertEquals(401, pollForStatus(401, () -> verify(gatewayB, second)).statusCode());
  }

  @Test
  void refreshReuseRejectedOnB() {
    JsonObject tokens = gatewayA.login(TestUsers.CAROL, TestUsers.CAROL_PASSWORD);
    String access = tokens.getString("access_token");
    String refreshToken = tokens.getString("refresh_token");
    assertEquals(200, verify(gatewayB, access).statusCode());
    double lookupsBefore = metric(gatewayB, LOOKUPS);
    assertEquals(200, refresh(gatewayA, refreshToken).statusCode());

    // The rotation script finds a rotated token presented again and deletes the session itself.
    assertEquals(401, refresh(gatewayA, refreshToken).statusCode());
    HttpResponse<Buffer> rejected = pollForStatus(401, () -> verify(gatewayB, access));

    assertEquals(401, rejected.statusCode(), rejected.bodyAsString());
    assertEquals(lookupsBefore, metric(gatewayB, LOOKUPS), "B must reject the token without asking Redis");
  }

  private static String login() {
    return gatewayA.login(TestUsers.CAROL, TestUsers.CAROL_PASSWORD).getString("access_token");
  }
}
