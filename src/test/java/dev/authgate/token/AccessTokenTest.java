package dev.authgate.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import dev.authgate.testing.TestUsers;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Checks a real login's access token the way an API gateway would: with an independent JOSE library (nimbus)
 * and only the keys and issuer that authgate publishes.
 */
class AccessTokenTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create();

  private static final Pattern MAX_AGE = Pattern.compile("max-age=(\\d+)");

  static TestGateway gateway;
  static JsonObject tokens;
  static SignedJWT accessToken;
  static JWTClaimsSet claims;
  static long loginStartedAt;
  static long loginEndedAt;
  static HttpResponse<Buffer> jwksResponse;
  static JWKSet jwks;
  static JsonObject discovery;

  @BeforeAll
  static void loginAndFetchMetadata() throws Exception {
    gateway = TestGateway.start(REDIS.uri());

    loginStartedAt = gateway.clock().instant().getEpochSecond();
    tokens = gateway.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD);
    loginEndedAt = gateway.clock().instant().getEpochSecond();
    accessToken = SignedJWT.parse(tokens.getString("access_token"));
    claims = accessToken.getJWTClaimsSet();

    jwksResponse = get("/.well-known/jwks.json");
    jwks = JWKSet.parse(jwksResponse.bodyAsString());
    discovery = get("/.well-known/openid-configuration").bodyAsJsonObject();
  }

  @AfterAll
  static void stopGateway() {
    gateway.assertNoBlockedThreads();
    gateway.close();
  }

  @Test
  void headerAlgorithmIsRs256() {
    assertEquals(JWSAlgorithm.RS256, accessToken.getHeader().getAlgorithm());
  }

  @Test
  void headerKidNamesJwksKey() {
    String kid = accessToken.getHeader().getKeyID();

    assertNotNull(kid, "token header has no kid");
    assertNotNull(jwks.getKeyByKeyId(kid), "JWKS has no key with kid " + kid);
  }

  @Test
  void signatureVerifiesWithJwksKey() throws Exception {
    JWK key = jwks.getKeyByKeyId(accessToken.getHeader().getKeyID());

    assertTrue(accessToken.verify(new RSASSAVerifier(key.toRSAKey())), "RS256 signature does not verify");
  }

  @Test
  void issuerMatchesDiscovery() {
    assertEquals(discovery.getString("issuer"), claims.getIssuer());
  }

  @Test
  void subjectIsUserId() {
    assertEquals("u-alice", claims.getSubject());
  }

  @Test
  void audienceContainsAuthgate() {
    assertTrue(claims.getAudience().contains("authgate"), "aud is " + claims.getAudience());
  }

  @Test
  void issuedAtIsLoginTime() {
    long iat = claims.getIssueTime().toInstant().getEpochSecond();

    assertTrue(iat >= loginStartedAt, "iat " + iat + " is before the login started at " + loginStartedAt);
    assertTrue(iat <= loginEndedAt, "iat " + iat + " is after the login ended at " + loginEndedAt);
  }

  @Test
  void expiresFiveMinutesAfterIssue() {
    long iat = claims.getIssueTime().toInstant().getEpochSecond();
    long exp = claims.getExpirationTime().toInstant().getEpochSecond();

    assertEquals(iat + 300, exp);
  }

  @Test
  void expiresInMatchesLifetime() {
    assertEquals(300L, tokens.getLong("expires_in"));
  }

  @Test
  void jtiIsPresent() {
    assertNotNull(claims.getJWTID(), "token has no jti");
    assertFalse(claims.getJWTID().isEmpty(), "jti is empty");
  }

  @Test
  void sidNamesRefreshTokenSession() throws Exception {
    String refreshSessionId = tokens.getString("refresh_token").split("\\.", 2)[0];

    assertEquals(refreshSessionId, claims.getStringClaim("sid"));
  }

  @Test
  void rolesClaimListsUserRoles() throws Exception {
    assertEquals(List.of("customer"), claims.getStringListClaim("roles"));
  }

  @Test
  void permissionsClaimListsUserPermissions() throws Exception {
    assertEquals(List.of("accounts:read", "payments:create", "profile:read"), claims.getStringListClaim("permissions"));
  }

  @Test
  void discoveryNamesJwksUri() {
    assertEquals(gateway.config().http().publicUrl() + "/.well-known/jwks.json", discovery.getString("jwks_uri"));
  }

  @Test
  void discoveryNamesTokenEndpoint() {
    assertEquals(gateway.config().http().publicUrl() + "/auth/login", discovery.getString("token_endpoint"));
  }

  @Test
  void discoveryIssuerIsConfigured() {
    assertEquals(gateway.config().tokens().issuer(), discovery.getString("issuer"));
  }

  @Test
  void discoveryListsRs256() {
    assertEquals(List.of("RS256"), discovery.getJsonArray("id_token_signing_alg_values_supported").getList());
  }

  @Test
  void jwksHasCacheMaxAge() {
    String cacheControl = jwksResponse.getHeader("Cache-Control");
    assertNotNull(cacheControl, "JWKS response has no Cache-Control header");

    Matcher maxAge = MAX_AGE.matcher(cacheControl);
    assertTrue(maxAge.find(), "Cache-Control has no max-age: " + cacheControl);
    assertTrue(Integer.parseInt(maxAge.group(1)) > 0, "max-age is not positive: " + cacheControl);
  }

  @Test
  void jwksHasJwkSetContentType() {
    assertEquals("application/jwk-set+json", jwksResponse.getHeader("Content-Type"));
  }

  @Test
  void jwksContainsNoPrivateKey() {
    for (JWK key : jwks.getKeys()) {
      assertFalse(key.isPrivate(), "JWKS publishes private parts of key " + key.getKeyID());
    }
  }

  private static HttpResponse<Buffer> get(String path) {
    HttpResponse<Buffer> response = TestGateway.await(gateway.client().get(path).send());
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + path + " failed with " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response;
  }
}
