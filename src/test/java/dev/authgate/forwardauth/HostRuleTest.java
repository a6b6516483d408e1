package dev.authgate.forwardauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import dev.authgate.testing.TestUsers;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A rule with a host wins over rules without one, and the host is read from X-Forwarded-Host (NGINX,
 * Traefik) or from the Host header of the Envoy form. carol has the role viewer, not admin.
 */
class HostRuleTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create();

  static TestGateway gateway;
  static String carol;

  @BeforeAll
  static void startGateway() {
    gateway = TestGateway.start(REDIS.uri(), Map.of("AUTHGATE_FORWARD_AUTH_RULES", """
        [{"methods": ["GET"], "path": "/accounts/**", "permissions": ["accounts:read"]},
         {"host": "admin.bank.example", "methods": ["*"], "path": "/**", "roles": ["admin"]}]"""));
    carol = VerifyRequests.accessToken(gateway, TestUsers.CAROL, TestUsers.CAROL_PASSWORD);
  }

  @AfterAll
  static void stopGateway() {
    gateway.assertNoBlockedThreads();
    gateway.close();
  }

  @Test
  void otherHostUsesPathRule() {
    assertEquals(200, forwardedHost("api.bank.example").statusCode());
  }

  @Test
  void hostRuleWinsOverPathRule() {
    assertEquals(403, forwardedHost("admin.bank.example").statusCode());
  }

  @Test
  void hostComparedWithoutCasePortOrTrailingDot() {
    assertEquals(403, forwardedHost("Admin.Bank.Example.:8443").statusCode());
  }

  @Test
  void envoyHostHeaderIsRead() {
    HttpResponse<Buffer> response = TestGateway.await(gateway.client().request(HttpMethod.GET, "/auth/verify/accounts/1")
        .putHeader("Host", "admin.bank.example").putHeader("Authorization", "Bearer " + carol).send());

    assertEquals(403, response.statusCode(), response.bodyAsString());
  }

  @Test
  void invalidHostIsRejected() {
    assertEquals(400, forwardedHost("admin.bank.example/evil").statusCode());
  }

  private static HttpResponse<Buffer> forwardedHost(String host) {
    return TestGateway.await(gateway.client().get("/auth/verify")
        .putHeader("X-Original-Method", "GET").putHeader("X-Original-URI", "/accounts/1")
        .putHeader("X-Forwarded-Host", host).putHeader("Authorization", "Bearer " + carol).send());
  }
}
