package dev.authgate.forwardauth;

import static dev.authgate.forwardauth.VerifyRequests.nginx;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import dev.authgate.testing.TestUsers;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code forward-auth.revocation-check-seconds: 5}: a logged-out session's token keeps passing for at most
 * five seconds after the last session lookup, and is refused from the first lookup after that. The gateway's
 * clock is moved by hand, so nothing sleeps.
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
  void revokedSessionPassesWithinWindow() {
    String token = VerifyRequests.accessToken(gateway, TestUsers.CAROL, TestUsers.CAROL_PASSWORD);
    assertEquals(200, nginx(gateway, "GET", "/accounts/1", token).statusCode());

    VerifyRequests.logout(gateway, token);
    gateway.clock().advance(WINDOW.minusSeconds(1));

    assertEquals(200, nginx(gateway, "GET", "/accounts/1", token).statusCode());
  }

  @Test
  void revokedSessionRefusedAfterWindow() {
    String token = VerifyRequests.accessToken(gateway, TestUsers.CAROL, TestUsers.CAROL_PASSWORD);
    assertEquals(200, nginx(gateway, "GET", "/accounts/1", token).statusCode());

    VerifyRequests.logout(gateway, token);
    gateway.clock().advance(WINDOW);

    assertEquals(401, nginx(gateway, "GET", "/accounts/1", token).statusCode());
  }

  @Test
  void refusalIsFinal() {
    String token = VerifyRequests.accessToken(gateway, TestUsers.CAROL, TestUsers.CAROL_PASSWORD);
    assertEquals(200, nginx(gateway, "GET", "/accounts/1", token).statusCode());
    VerifyRequests.logout(gateway, token);
    gateway.clock().advance(WINDOW);
    assertEquals(401, nginx(gateway, "GET", "/accounts/1", token).statusCode());

    // The next call is inside a fresh window again, but a session once seen gone stays refused.
    gateway.clock().advance(Duration.ofSeconds(1));

    assertEquals(401, nginx(gateway, "GET", "/accounts/1", token).statusCode());
  }

  @Test
  void firstUseAfterLogoutIsRefused() {
    String token = VerifyRequests.accessToken(gateway, TestUsers.CAROL, TestUsers.CAROL_PASSWORD);

    VerifyRequests.logout(gateway, token);

    assertEquals(401, nginx(gateway, "GET", "/accounts/1", token).statusCode());
  }
}
