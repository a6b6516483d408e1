package dev.authgate.introspection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import dev.authgate.testing.TestUsers;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /oauth/introspect} (RFC 7662) with two configured clients. One secret contains ':' and '+', which
 * RFC 6749 section 2.3.1 has clients form-encode inside the Basic credentials.
 */
class IntrospectionTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create();

  private static final String CLIENT = "accounts-api";
  private static final String SECRET = "test-only-secret-0123456789abcdefghij";
  private static final String SPECIAL_CLIENT = "reporting";
  private static final String SPECIAL_SECRET = "test:only+secret/0123456789";

  static TestGateway gateway;
  static String aliceToken;

  @BeforeAll
  static void startGateway() {
    String clients = new JsonArray()
        .add(new JsonObject().put("id", CLIENT).put("secret-hash", ClientSecrets.hash(SECRET)))
        .add(new JsonObject().put("id", SPECIAL_CLIENT).put("secret-hash", ClientSecrets.hash(SPECIAL_SECRET)))
        .encode();
    gateway = TestGateway.start(REDIS.uri(), Map.of("AUTHGATE_INTROSPECTION_CLIENTS", clients));
    aliceToken = gateway.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).getString("access_token");
  }

  @AfterAll
  static void stopGateway() {
    gateway.assertNoBlockedThreads();
    gateway.close();
  }

  @Test
  void activeTokenReturnsClaims() throws Exception {
    JWTClaimsSet claims = SignedJWT.parse(aliceToken).getJWTClaimsSet();

    HttpResponse<Buffer> response = introspect(ClientSecrets.basic(CLIENT, SECRET), form(aliceToken));

    assertEquals(200, response.statusCode(), response.bodyAsString());
    JsonObject body = response.bodyAsJsonObject();
    assertEquals(true, body.getBoolean("active"));
    assertEquals("u-alice", body.getString("sub"));
    assertEquals(claims.getStringClaim("sid"), body.getString("sid"));
    assertEquals("accounts:read payments:create profile:read", body.getString("scope"));
    assertEquals(new JsonArray(List.of("accounts:read", "payments:create", "profile:read")), body.getJsonArray("permissions"));
    assertEquals(new JsonArray(List.of("customer")), body.getJsonArray("roles"));
    assertEquals(claims.getExpirationTime().getTime() / 1000, body.getLong("exp"));
    assertEquals(claims.getIssueTime().getTime() / 1000, body.getLong("iat"));
    assertEquals(claims.getIssuer(), body.getString("iss"));
    assertEquals(claims.getAudience().get(0), body.getString("aud"));
    assertEquals("Bearer", body.getString("token_type"));
  }

  @Test
  void responseIsNotCached() {
    HttpResponse<Buffer> response = introspect(ClientSecrets.basic(CLIENT, SECRET), form(aliceToken));

    assertEquals("no-store", response.getHeader("Cache-Control"));
    assertEquals("application/json", response.getHeader("Content-Type"));
  }

  @Test
  void tokenTypeHintIsAccepted() {
    HttpResponse<Buffer> response = introspect(ClientSecrets.basic(CLIENT, SECRET),
        form(aliceToken).add("token_type_hint", "access_token"));

    assertEquals(true, response.bodyAsJsonObject().getBoolean("active"));
  }

  @Test
  void revokedTokenIsInactive() {
    String token = gateway.login(TestUsers.CAROL, TestUsers.CAROL_PASSWORD).getString("access_token");
    TestGateway.await(gateway.client().post("/auth/logout").putHeader("Authorization", "Bearer " + token).send());

    assertInactive(introspect(ClientSecrets.basic(CLIENT, SECRET), form(token)));
  }

  @Test
  void expiredTokenIsInactive() {
    String token = gateway.login(TestUsers.CAROL, TestUsers.CAROL_PASSWORD).getString("access_token");
    Duration pastLeeway = Duration.ofSeconds(gateway.config().tokens().accessTtlSeconds()
        + gateway.config().tokens().leewaySeconds());

    gateway.clock().advance(pastLeeway);
    try {
      assertInactive(introspect(ClientSecrets.basic(CLIENT, SECRET), form(token)));
    } finally {
      gateway.clock().advance(pastLeeway.negated());
    }
  }

  @Test
  void malformedTokenIsInactive() {
    assertInactive(introspect(ClientSecrets.basic(CLIENT, SECRET), form("not-a-jwt")));
  }

  @Test
  void tamperedTokenIsInactive() {
    String[] parts = aliceToken.split("\\.");
    String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

    assertInactive(introspect(ClientSecrets.basic(CLIENT, SECRET), form(tampered)));
  }

  @Test
  void refreshTokenIsInactive() {
    String refresh = gateway.login(TestUsers.CAROL, TestUsers.CAROL_PASSWORD).getString("refresh_token");

    assertInactive(introspect(ClientSecrets.basic(CLIENT, SECRET), form(refresh).add("token_type_hint", "refresh_token")));
  }

  @Test
  void formEncodedSecretIsDecoded() {
    HttpResponse<Buffer> response = introspect(ClientSecrets.basic(SPECIAL_CLIENT, SPECIAL_SECRET), form(aliceToken));

    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals(true, response.bodyAsJsonObject().getBoolean("active"));
  }

  @Test
  void wrongSecretGets401() {
    assertInvalidClient(introspect(ClientSecrets.basic(CLIENT, SECRET + "x"), form(aliceToken)));
  }

  @Test
  void otherClientsSecretGets401() {
    assertInvalidClient(introspect(ClientSecrets.basic(CLIENT, SPECIAL_SECRET), form(aliceToken)));
  }

  @Test
  void unknownClientGets401() {
    assertInvalidClient(introspect(ClientSecrets.basic("someone", SECRET), form(aliceToken)));
  }

  @Test
  void missingCredentialsGet401() {
    assertInvalidClient(introspect(null, form(aliceToken)));
  }

  @Test
  void bearerTokenIsNoClientCredential() {
    assertInvalidClient(introspect("Bearer " + aliceToken, form(aliceToken)));
  }

  @Test
  void malformedBasicGets401() {
    assertInvalidClient(introspect("Basic %%%not-base64", form(aliceToken)));
  }

  @Test
  void missingTokenGets400() {
    HttpResponse<Buffer> response = introspect(ClientSecrets.basic(CLIENT, SECRET), MultiMap.caseInsensitiveMultiMap());

    assertEquals(400, response.statusCode(), response.bodyAsString());
    assertEquals("invalid_request", response.bodyAsJsonObject().getString("error"));
  }

  @Test
  void jsonBodyGets400() {
    HttpResponse<Buffer> response = TestGateway.await(gateway.client().post("/oauth/introspect")
        .putHeader("Authorization", ClientSecrets.basic(CLIENT, SECRET))
        .putHeader("Content-Type", "application/json")
        .sendBuffer(new JsonObject().put("token", aliceToken).toBuffer()));

    assertEquals(400, response.statusCode(), response.bodyAsString());
  }

  @Test
  void credentialsCheckedBeforeToken() {
    HttpResponse<Buffer> response = introspect(ClientSecrets.basic(CLIENT, "wrong"), MultiMap.caseInsensitiveMultiMap());

    assertEquals(401, response.statusCode(), response.bodyAsString());
  }

  @Test
  void secretsNeverLogged() {
    introspect(ClientSecrets.basic(CLIENT, SECRET), form(aliceToken));
    introspect(ClientSecrets.basic(CLIENT, SECRET + "x"), form(aliceToken));

    assertEquals(List.of(), gateway.logs().linesContaining(SECRET));
    assertEquals(List.of(), gateway.logs().linesContaining(aliceToken));
  }

  private static HttpResponse<Buffer> introspect(String authorization, MultiMap form) {
    var request = gateway.client().post("/oauth/introspect");
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    return TestGateway.await(request.sendForm(form));
  }

  private static MultiMap form(String token) {
    return MultiMap.caseInsensitiveMultiMap().add("token", token);
  }

  private static void assertInactive(HttpResponse<Buffer> response) {
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals(new JsonObject().put("active", false), response.bodyAsJsonObject());
  }

  private static void assertInvalidClient(HttpResponse<Buffer> response) {
    assertEquals(401, response.statusCode(), response.bodyAsString());
    assertEquals("invalid_client", response.bodyAsJsonObject().getString("error"));
    assertTrue(response.getHeader("WWW-Authenticate").startsWith("Basic "), response.getHeader("WWW-Authenticate"));
  }
}
