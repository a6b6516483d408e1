package dev.authgate.forwardauth;

import static dev.authgate.forwardauth.VerifyRequests.envoy;
import static dev.authgate.forwardauth.VerifyRequests.nginx;
import static dev.authgate.forwardauth.VerifyRequests.problemType;
import static dev.authgate.forwardauth.VerifyRequests.traefik;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.nimbusds.jwt.SignedJWT;
import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import dev.authgate.testing.TestUsers;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * {@code /auth/verify} with the development rules (GET /accounts/** needs accounts:read, POST /payments/**
 * needs payments:create), asked the way NGINX, Traefik and Envoy ask. alice has both permissions, carol only
 * accounts:read.
 */
class ForwardAuthFlowTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create();

  static TestGateway gateway;
  static String alice;
  static String carol;

  @BeforeAll
  static void startGateway() {
    gateway = TestGateway.start(REDIS.uri());
    alice = VerifyRequests.accessToken(gateway, TestUsers.ALICE, TestUsers.ALICE_PASSWORD);
    carol = VerifyRequests.accessToken(gateway, TestUsers.CAROL, TestUsers.CAROL_PASSWORD);
  }

  @AfterAll
  static void stopGateway() {
    gateway.assertNoBlockedThreads();
    gateway.close();
  }

  @Test
  void allowedRequestGetsIdentityHeaders() throws Exception {
    HttpResponse<Buffer> response = nginx(gateway, "GET", "/accounts/1", alice);

    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals("u-alice", response.getHeader("X-Auth-Subject"));
    assertEquals("customer", response.getHeader("X-Auth-Roles"));
    assertEquals("accounts:read,payments:create,profile:read", response.getHeader("X-Auth-Permissions"));
    assertEquals(SignedJWT.parse(alice).getJWTClaimsSet().getStringClaim("sid"), response.getHeader("X-Auth-Session"));
    assertEquals("false", response.getHeader("X-Auth-Permissions-Omitted"));
    assertEquals("no-store", response.getHeader("Cache-Control"));
  }

  @Test
  void clientIdentityHeadersAreNotEchoed() {
    MultiMap forged = MultiMap.caseInsensitiveMultiMap()
        .add("X-Auth-Subject", "u-admin")
        .add("X-Auth-Roles", "admin")
        .add("X-Auth-Permissions", "payments:create");

    HttpResponse<Buffer> response = nginx(gateway, "GET", "/accounts/1", carol, forged);

    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals("u-carol", response.getHeader("X-Auth-Subject"));
    assertEquals("viewer", response.getHeader("X-Auth-Roles"));
    assertEquals("accounts:read", response.getHeader("X-Auth-Permissions"));
  }

  @Test
  void clientIdentityHeadersGrantNothing() {
    MultiMap forged = MultiMap.caseInsensitiveMultiMap().add("X-Auth-Permissions", "payments:create");

    HttpResponse<Buffer> response = nginx(gateway, "POST", "/payments/x", carol, forged);

    assertEquals(403, response.statusCode(), response.bodyAsString());
  }

  @Test
  void missingPermissionGets403() {
    HttpResponse<Buffer> response = nginx(gateway, "POST", "/payments/x", carol);

    assertEquals(403, response.statusCode(), response.bodyAsString());
    assertEquals("urn:authgate:problem:insufficient-permission", problemType(response));
    assertEquals("Bearer error=\"insufficient_scope\"", response.getHeader("WWW-Authenticate"));
    assertNull(response.getHeader("X-Auth-Subject"));
  }

  @Test
  void viewerReadsAccounts() {
    assertEquals(200, nginx(gateway, "GET", "/accounts/1", carol).statusCode());
  }

  @Test
  void permittedPaymentIsAllowed() {
    assertEquals(200, nginx(gateway, "POST", "/payments/x", alice).statusCode());
  }

  @Test
  void headCoveredByGetRule() {
    assertEquals(200, nginx(gateway, "HEAD", "/accounts/1", carol).statusCode());
  }

  @Test
  void anonymousGets401WithPlainChallenge() {
    HttpResponse<Buffer> response = nginx(gateway, "GET", "/accounts/1", null);

    assertEquals(401, response.statusCode(), response.bodyAsString());
    assertEquals("Bearer", response.getHeader("WWW-Authenticate"));
    assertEquals("urn:authgate:problem:invalid-token", problemType(response));
  }

  @Test
  void basicCredentialsCountAsNoToken() {
    HttpResponse<Buffer> response = TestGateway.await(gateway.client().get("/auth/verify")
        .putHeader("X-Original-Method", "GET").putHeader("X-Original-URI", "/accounts/1")
        .putHeader("Authorization", "Basic YWxpY2U6d29uZGVybGFuZC00Mg==").send());

    assertEquals(401, response.statusCode(), response.bodyAsString());
    assertEquals("Bearer", response.getHeader("WWW-Authenticate"));
  }

  @Test
  void routeWithoutRuleDeniedByDefault() {
    HttpResponse<Buffer> response = nginx(gateway, "GET", "/admin/users", alice);

    assertEquals(403, response.statusCode(), response.bodyAsString());
    assertEquals("urn:authgate:problem:route-not-allowed", problemType(response));
  }

  @Test
  void methodWithoutRuleDeniedByDefault() {
    assertEquals(403, nginx(gateway, "DELETE", "/accounts/1", alice).statusCode());
  }

  @Test
  void unlistedMethodGets405() {
    HttpResponse<Buffer> response = TestGateway.await(gateway.client().request(HttpMethod.valueOf("PROPFIND"), "/auth/verify")
        .putHeader("X-Original-Method", "GET").putHeader("X-Original-URI", "/accounts/1")
        .putHeader("Authorization", "Bearer " + alice).send());

    assertEquals(405, response.statusCode(), response.bodyAsString());
  }

  @Test
  void traefikHeadersAreRead() {
    assertEquals(200, traefik(gateway, "GET", "/accounts/1?page=2", carol).statusCode());
    assertEquals(403, traefik(gateway, "POST", "/payments/x", carol).statusCode());
  }

  @Test
  void envoyPathPrefixIsRead() {
    assertEquals(200, envoy(gateway, HttpMethod.GET, "/accounts/1?page=2", carol).statusCode());
    assertEquals(403, envoy(gateway, HttpMethod.POST, "/payments/x", carol).statusCode());
    assertEquals(200, envoy(gateway, HttpMethod.POST, "/payments/x", alice).statusCode());
  }

  @Test
  void envoyIgnoresUriHeaders() {
    HttpResponse<Buffer> response = TestGateway.await(gateway.client().request(HttpMethod.POST, "/auth/verify/payments/x")
        .putHeader("X-Original-URI", "/accounts/1").putHeader("X-Original-Method", "GET")
        .putHeader("Authorization", "Bearer " + carol).send());

    assertEquals(403, response.statusCode(), response.bodyAsString());
  }

  @Test
  void disagreeingUriHeadersAreRejected() {
    // A client behind Traefik adds X-Original-URI for a route it may use; Traefik sets X-Forwarded-Uri.
    MultiMap extra = MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-Uri", "/payments/x");

    HttpResponse<Buffer> response = nginx(gateway, "POST", "/accounts/1", carol, extra);

    assertEquals(400, response.statusCode(), response.bodyAsString());
    assertEquals("urn:authgate:problem:invalid-original-request", problemType(response));
  }

  @Test
  void disagreeingMethodHeadersAreRejected() {
    MultiMap extra = MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-Method", "POST");

    assertEquals(400, nginx(gateway, "GET", "/payments/x", alice, extra).statusCode());
  }

  @Test
  void agreeingHeaderPairIsAccepted() {
    MultiMap extra = MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-Uri", "/accounts/1").add("X-Forwarded-Method", "GET");

    assertEquals(200, nginx(gateway, "GET", "/accounts/1", carol, extra).statusCode());
  }

  @Test
  void repeatedUriHeaderIsRejected() {
    MultiMap extra = MultiMap.caseInsensitiveMultiMap().add("X-Original-URI", "/payments/x");

    assertEquals(400, nginx(gateway, "GET", "/accounts/1", alice, extra).statusCode());
  }

  @Test
  void missingOriginalUriIsRejected() {
    HttpResponse<Buffer> response = TestGateway.await(gateway.client().get("/auth/verify")
        .putHeader("X-Original-Method", "GET").putHeader("Authorization", "Bearer " + alice).send());

    assertEquals(400, response.statusCode(), response.bodyAsString());
  }

  @Test
  void malformedPathIsRejectedBeforeToken() {
    HttpResponse<Buffer> response = nginx(gateway, "GET", "/accounts/%2e%2e/payments", null);

    assertEquals(400, response.statusCode(), response.bodyAsString());
  }

  @Test
  void logoutRevokesAtOnce() {
    String token = VerifyRequests.accessToken(gateway, TestUsers.ALICE, TestUsers.ALICE_PASSWORD);
    assertEquals(200, nginx(gateway, "GET", "/accounts/1", token).statusCode());

    VerifyRequests.logout(gateway, token);
    HttpResponse<Buffer> response = nginx(gateway, "GET", "/accounts/1", token);

    assertEquals(401, response.statusCode(), response.bodyAsString());
    assertEquals("Bearer error=\"invalid_token\"", response.getHeader("WWW-Authenticate"));
  }

  @Test
  void repeatedTokenIsServedFromCache() {
    String token = VerifyRequests.accessToken(gateway, TestUsers.CAROL, TestUsers.CAROL_PASSWORD);
    double hitsBefore = VerifyRequests.metric(gateway, "cache_gets_total{cache=\"authgate_verified_tokens\",result=\"hit\"}");

    for (int i = 0; i < 3; i++) {
      assertEquals(200, nginx(gateway, "GET", "/accounts/1", token).statusCode());
    }

    double hits = VerifyRequests.metric(gateway, "cache_gets_total{cache=\"authgate_verified_tokens\",result=\"hit\"}");
    assertTrue(hits - hitsBefore >= 2, "expected two cache hits after the first verification, got " + (hits - hitsBefore));
  }

  @Test
  void decisionsAreCounted() {
    double allowedBefore = VerifyRequests.metric(gateway, "authgate_forward_auth_decisions_total{decision=\"allow\"}");
    double forbiddenBefore = VerifyRequests.metric(gateway, "authgate_forward_auth_decisions_total{decision=\"forbidden\"}");

    nginx(gateway, "GET", "/accounts/1", carol);
    nginx(gateway, "POST", "/payments/x", carol);

    assertEquals(allowedBefore + 1, VerifyRequests.metric(gateway, "authgate_forward_auth_decisions_total{decision=\"allow\"}"));
    assertEquals(forbiddenBefore + 1, VerifyRequests.metric(gateway, "authgate_forward_auth_decisions_total{decision=\"forbidden\"}"));
  }

  @Test
  void tokensNeverLoggedAtDebug() {
    Logger authgate = (Logger) LoggerFactory.getLogger("dev.authgate");
    Level before = authgate.getLevel();
    int dot = alice.lastIndexOf('.');
    String signature = alice.substring(dot + 1);
    String tampered = alice.substring(0, dot + 1) + new StringBuilder(signature).reverse();
    authgate.setLevel(Level.DEBUG);
    try {
      nginx(gateway, "GET", "/accounts/1", alice);
      nginx(gateway, "POST", "/payments/x", carol);
      nginx(gateway, "GET", "/accounts/1", tampered);
      nginx(gateway, "GET", "/accounts/1", alice + "x");
    } finally {
      authgate.setLevel(before);
    }

    assertEquals(List.of(), gateway.logs().linesContaining(alice), "a log line contains alice's token");
    assertEquals(List.of(), gateway.logs().linesContaining(carol), "a log line contains carol's token");
    assertEquals(List.of(), gateway.logs().linesContaining(tampered), "a log line contains the tampered token");
    assertEquals(List.of(), gateway.logs().linesContaining(signature), "a log line contains a token signature");
  }
}
