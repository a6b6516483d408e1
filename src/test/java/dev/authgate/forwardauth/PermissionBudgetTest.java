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
 * {@code forward-auth.permissions-header-max-bytes}: a permissions list over the budget is omitted whole and
 * flagged, never cut. The budget is 20 bytes: carol's "accounts:read" (13) fits, alice's
 * "accounts:read,payments:create,profile:read" (42) does not.
 */
class PermissionBudgetTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create();

  static TestGateway gateway;

  @BeforeAll
  static void startGateway() {
    gateway = TestGateway.start(REDIS.uri(), Map.of("AUTHGATE_FORWARD_AUTH_PERMISSIONS_HEADER_MAX_BYTES", "20"));
  }

  @AfterAll
  static void stopGateway() {
    gateway.assertNoBlockedThreads();
    gateway.close();
  }

  @Test
  void listWithinBudgetIsSent() {
    String carol = VerifyRequests.accessToken(gateway, TestUsers.CAROL, TestUsers.CAROL_PASSWORD);

    HttpResponse<Buffer> response = nginx(gateway, "GET", "/accounts/1", carol);

    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals("accounts:read", response.getHeader("X-Auth-Permissions"));
    assertEquals("false", response.getHeader("X-Auth-Permissions-Omitted"));
  }

  @Test
  void listOverBudgetIsOmittedAndFlagged() {
    String alice = VerifyRequests.accessToken(gateway, TestUsers.ALICE, TestUsers.ALICE_PASSWORD);

    HttpResponse<Buffer> response = nginx(gateway, "POST", "/payments/x", alice);

    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals("", response.getHeader("X-Auth-Permissions"));
    assertEquals("true", response.getHeader("X-Auth-Permissions-Omitted"));
    assertEquals("u-alice", response.getHeader("X-Auth-Subject"));
  }

  @Test
  void omissionDoesNotSkipRule() {
    // The rule is checked against the token's full list before the header is built.
    String carol = VerifyRequests.accessToken(gateway, TestUsers.CAROL, TestUsers.CAROL_PASSWORD);

    assertEquals(403, nginx(gateway, "POST", "/payments/x", carol).statusCode());
  }
}
