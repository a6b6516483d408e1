package dev.authgate.forwardauth;

import static dev.authgate.forwardauth.VerifyRequests.nginx;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import dev.authgate.testing.TestUsers;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code forward-auth.default-action: allow-authenticated}: a route that no rule covers is open to any valid
 * token, while routes that a rule covers keep their requirements.
 */
class DefaultActionTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create();

  static TestGateway gateway;
  static String carol;

  @BeforeAll
  static void startGateway() {
    gateway = TestGateway.start(REDIS.uri(), Map.of("AUTHGATE_FORWARD_AUTH_DEFAULT_ACTION", "allow-authenticated"));
    carol = VerifyRequests.accessToken(gateway, TestUsers.CAROL, TestUsers.CAROL_PASSWORD);
  }

  @AfterAll
  static void stopGateway() {
    gateway.assertNoBlockedThreads();
    gateway.close();
  }

  @Test
  void uncoveredRouteAllowsValidToken() {
    HttpResponse<Buffer> response = nginx(gateway, "GET", "/branches/nearby", carol);

    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals("u-carol", response.getHeader("X-Auth-Subject"));
  }

  @Test
  void uncoveredRouteStillNeedsToken() {
    assertEquals(401, nginx(gateway, "GET", "/branches/nearby", null).statusCode());
  }

  @Test
  void coveredRouteKeepsItsPermission() {
    assertEquals(403, nginx(gateway, "POST", "/payments/x", carol).statusCode());
  }
}
