package dev.authgate.revocation;

import static dev.authgate.revocation.BroadcastRequests.logout;
import static dev.authgate.revocation.BroadcastRequests.metric;
import static dev.authgate.revocation.BroadcastRequests.verify;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import dev.authgate.testing.TestUsers;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Gateway A connects as a Redis user whose ACL lacks PUBLISH, so every revocation message it sends fails.
 * Its logouts must still succeed, and each lost message is counted and logged. Gateway B, which never hears
 * of such a logout, reuses its earlier lookup for at most {@code revocation-check-seconds} and then rejects
 * the token. B's clock is moved by hand.
 *
 * <p>The WARN is rate-limited per process, so the test that checks it runs first.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RevocationPublishFailureTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create();

  private static final Duration WINDOW = Duration.ofSeconds(30);
  private static final String USER = "authgate-no-publish";
  /** A test-only password for the test's own Redis. */
  private static final String PASSWORD = "test-only-acl-password";
  private static final String FAILURES = "authgate_revocation_publish_failures_total";

  static TestGateway gatewayA;
  static TestGateway gatewayB;

  @BeforeAll
  static void startGateways() {
    createUserWithoutPublish();
    Map<String, String> settings = BroadcastRequests.withSharedIssuer(Map.of(
        "AUTHGATE_FORWARD_AUTH_REVOCATION_CHECK_SECONDS", Long.toString(WINDOW.toSeconds())));
    String restrictedUri = REDIS.uri().replace("redis://", "redis://" + USER + ":" + PASSWORD + "@");
    gatewayA = TestGateway.start(restrictedUri, settings);
    gatewayB = TestGateway.start(REDIS.uri(), settings);
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
  @Order(1)
  void failedPublishCountedAndLogged() {
    String token = login();
    double failuresBefore = metric(gatewayA, FAILURES);

    assertEquals(204, logout(gatewayA, token).statusCode());

    assertEquals(failuresBefore + 1, metric(gatewayA, FAILURES));
    assertFalse(gatewayA.logs().linesContaining("was not published").isEmpty(), "no WARN about the lost message");
  }

  @Test
  @Order(2)
  void ownLogoutRejectedDespiteFailedPublish() {
    String token = login();
    assertEquals(200, verify(gatewayA, token).statusCode());

    assertEquals(204, logout(gatewayA, token).statusCode());

    assertEquals(401, verify(gatewayA, token).statusCode());
  }

  @Test
  @Order(3)
  void lostMessagePassesWithinWindow() {
    String token = login();
    assertEquals(200, verify(gatewayB, token).statusCode());

    assertEquals(204, logout(gatewayA, token).statusCode());
    gatewayB.clock().advance(WINDOW.minusSeconds(1));

    assertEquals(200, verify(gatewayB, token).statusCode());
  }

  @Test
  @Order(4)
  void lostMessageRejectedAfterWindow() {
    String token = login();
    assertEquals(200, verify(gatewayB, token).statusCode());

    assertEquals(204, logout(gatewayA, token).statusCode());
    gatewayB.clock().advance(WINDOW);

    assertEquals(401, verify(gatewayB, token).statusCode());
  }

  private static String login() {
    return gatewayA.login(TestUsers.CAROL, TestUsers.CAROL_PASSWORD).getString("access_token");
  }

  /** Creates a user with every key, channel and command except PUBLISH, so it can log in, subscribe and log out. */
  private static void createUserWithoutPublish() {
    Vertx vertx = Vertx.vertx();
    try {
      Redis client = Redis.createClient(vertx, REDIS.uri());
      TestGateway.await(client.send(Request.cmd(Command.ACL).arg("SETUSER").arg(USER)
          .arg("on").arg(">" + PASSWORD).arg("~*").arg("&*").arg("+@all").arg("-publish")));
    } finally {
      TestGateway.await(vertx.close());
    }
  }
}
