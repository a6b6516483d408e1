package dev.authgate.forwardauth;

import static dev.authgate.forwardauth.VerifyRequests.nginx;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.authgate.redis.RedisKeys;
import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import dev.authgate.testing.TestUsers;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code forward-auth.revocation-check-seconds: 5}. The window applies only to a session that ended without a
 * revocation message, as when the ending instance could not publish it. Such a session is simulated by
 * deleting its key in Redis directly. Its token keeps passing for at most five seconds after the last session
 * lookup, and is rejected from the first lookup after that. A logout publishes, so it is rejected at once.
 * The gateway's clock is moved by hand, so nothing sleeps.
 */
class RevocationWindowTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create();

  private static final Duration WINDOW = Duration.ofSeconds(5);

  static TestGateway gateway;

  @BeforeAll
  static void startGateway() {
    gateway = TestGateway.start(REDIS.uri(), Map.of(
        "AUTHGATE_FORWARD_AUTH_REVOCATION_CHECK_SECONDS", Long.toString(WINDOW.toSeconds())));
  }

  @AfterAll
  static void stopGateway() {
    gateway.assertNoBlockedThreads();
    gateway.close();
  }

  @Test
  void unannouncedEndPassesWithinWindow() {
    String token = VerifyRequests.accessToken(gateway, TestUsers.CAROL, TestUsers.CAROL_PASSWORD);
    HttpResponse<Buffer> first = nginx(gateway, "GET", "/accounts/1", token);
    assertEquals(200, first.statusCode());

    endWithoutMessage(first);
    gateway.clock().advance(WINDOW.minusSeconds(1));

    assertEquals(200, nginx(gateway, "GET", "/accounts/1", token).statusCode());
  }

  @Test
  void unannouncedEndRejectedAfterWindow() {
    String token = VerifyRequests.accessToken(gateway, TestUsers.CAROL, TestUsers.CAROL_PASSWORD);
    HttpResponse<Buffer> first = nginx(gateway, "GET", "/accounts/1", token);
    assertEquals(200, first.statusCode());

    endWithoutMessage(first);
    gateway.clock().advance(WINDOW);

    assertEquals(401, nginx(gateway, "GET", "/accounts/1", token).statusCode());
  }

  @Test
  void refusalIsFinal() {
    String token = VerifyRequests.accessToken(gateway, TestUsers.CAROL, TestUsers.CAROL_PASSWORD);
    HttpResponse<Buffer> first = nginx(gateway, "GET", "/accounts/1", token);
    assertEquals(200, first.statusCode());
    endWithoutMessage(first);
    gateway.clock().advance(WINDOW);
    assertEquals(401, nginx(gateway, "GET", "/accounts/1", token).statusCode());

    // The next call is inside a fresh window again, but a session once seen gone stays refused.
    gateway.clock().advance(Duration.ofSeconds(1));

    assertEquals(401, nginx(gateway, "GET", "/accounts/1", token).statusCode());
  }

  @Test
  void logoutRejectedWithinWindow() {
    String token = VerifyRequests.accessToken(gateway, TestUsers.CAROL, TestUsers.CAROL_PASSWORD);
    assertEquals(200, nginx(gateway, "GET", "/accounts/1", token).statusCode());

    VerifyRequests.logout(gateway, token);

    assertEquals(401, nginx(gateway, "GET", "/accounts/1", token).statusCode());
  }

  @Test
  void firstUseAfterLogoutIsRefused() {
    String token = VerifyRequests.accessToken(gateway, TestUsers.CAROL, TestUsers.CAROL_PASSWORD);

    VerifyRequests.logout(gateway, token);

    assertEquals(401, nginx(gateway, "GET", "/accounts/1", token).statusCode());
  }

  /** Deletes the session of an allowed response's token in Redis, bypassing the gateway and its broadcast. */
  private static void endWithoutMessage(HttpResponse<Buffer> allowed) {
    String sessionKey = RedisKeys.session(allowed.getHeader("X-Auth-Session"));
    Redis client = Redis.createClient(gateway.vertx(), REDIS.uri());
    try {
      assertEquals(1, TestGateway.await(client.send(Request.cmd(Command.DEL).arg(sessionKey))).toInteger());
    } finally {
      TestGateway.await(client.close());
    }
  }
}
