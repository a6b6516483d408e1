package dev.authgate.forwardauth;

import static dev.authgate.forwardauth.VerifyRequests.nginx;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.authgate.config.GatewayConfig;
import dev.authgate.http.ProblemHandler;
import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import dev.authgate.testing.TestUsers;
import dev.authgate.token.AccessTokenIssuer;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /auth/verify} with tokens that must not pass, each on a route carol's real token may use
 * ({@code GET /accounts/1}). Forged tokens reuse the claims of carol's live session, so only the one change
 * can cause the 401. Tokens with wrong claims are signed with the gateway's own test key through
 * {@link AccessTokenIssuer}; tokens that claim another key or algorithm are built with nimbus-jose-jwt.
 */
class VerifyTokenRejectionTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create();

  static TestGateway gateway;
  static String validToken;
  static SignedJWT valid;
  static JWTClaimsSet validClaims;
  static String kid;
  static RSAKey otherKey;

  @BeforeAll
  static void loginCarol() throws Exception {
    gateway = TestGateway.start(REDIS.uri());
    validToken = VerifyRequests.accessToken(gateway, TestUsers.CAROL, TestUsers.CAROL_PASSWORD);
    valid = SignedJWT.parse(validToken);
    validClaims = valid.getJWTClaimsSet();
    kid = valid.getHeader().getKeyID();
    otherKey = new RSAKeyGenerator(2048).keyID(kid).generate();
  }

  @AfterAll
  static void stopGateway() {
    gateway.assertNoBlockedThreads();
    gateway.close();
  }

  @Test
  void validTokenIsAccepted() {
    assertEquals(200, verify(validToken).statusCode());
  }

  @Test
  void reissuedTokenIsAccepted() {
    assertEquals(200, verify(issue(Map.of(), gateway.clock())).statusCode());
  }

  @Test
  void malformedTokenIsRejected() {
    assertRejected(verify("not-a-jwt"));
  }

  @Test
  void twoSegmentTokenIsRejected() {
    String[] parts = validToken.split("\\.");

    assertRejected(verify(parts[0] + "." + parts[1]));
  }

  @Test
  void tamperedPermissionsAreRejected() {
    JWTClaimsSet elevated = new JWTClaimsSet.Builder(validClaims)
        .claim("permissions", List.of("accounts:read", "payments:create")).build();
    String token = valid.getHeader().toBase64URL() + "." + elevated.toPayload().toBase64URL() + "." + valid.getSignature();

    assertRejected(verify(token));
  }

  @Test
  void tamperedSignatureIsRejected() {
    byte[] signature = valid.getSignature().decode();
    signature[signature.length / 2] ^= 0x01;
    String[] parts = validToken.split("\\.");

    assertRejected(verify(parts[0] + "." + parts[1] + "." + Base64URL.encode(signature)));
  }

  @Test
  void expiredTokenIsRejected() {
    long lifetime = gateway.config().tokens().accessTtlSeconds() + gateway.config().tokens().leewaySeconds() + 1;
    Clock past = Clock.fixed(gateway.clock().instant().minusSeconds(lifetime), ZoneOffset.UTC);

    assertRejected(verify(issue(Map.of(), past)));
  }

  @Test
  void tokenIssuedInFutureIsRejected() {
    Clock future = Clock.fixed(gateway.clock().instant().plusSeconds(gateway.config().tokens().leewaySeconds() + 60), ZoneOffset.UTC);

    assertRejected(verify(issue(Map.of(), future)));
  }

  @Test
  void wrongAudienceIsRejected() {
    assertRejected(verify(issue(Map.of("AUTHGATE_TOKENS_AUDIENCE", "[\"another-service\"]"), gateway.clock())));
  }

  @Test
  void wrongIssuerIsRejected() {
    assertRejected(verify(issue(Map.of("AUTHGATE_TOKENS_ISSUER", "https://issuer.invalid"), gateway.clock())));
  }

  @Test
  void algNoneIsRejected() {
    assertRejected(verify(new PlainJWT(validClaims).serialize()));
  }

  @Test
  void hs256KeyedWithPublicKeyIsRejected() throws Exception {
    byte[] secret = TestGateway.key().publicKey().getEncoded();
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build();

    assertRejected(verify(sign(header, new MACSigner(secret))));
  }

  @Test
  void embeddedJwkIsRejected() throws Exception {
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).jwk(otherKey.toPublicJWK()).build();

    assertRejected(verify(sign(header, new RSASSASigner(otherKey))));
  }

  @Test
  void jkuHeaderIsRejected() throws Exception {
    // Points at the gateway's own loopback port, so nothing leaves the machine even if it were fetched.
    URI jku = URI.create("http://127.0.0.1:" + gateway.port() + "/other/jwks.json");
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).jwkURL(jku).build();

    assertRejected(verify(sign(header, new RSASSASigner(otherKey))));
  }

  @Test
  void otherKeyWithGatewayKidIsRejected() throws Exception {
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build();

    assertRejected(verify(sign(header, new RSASSASigner(otherKey))));
  }

  @Test
  void bearerWithNonTokenCharactersIsRejected() {
    HttpResponse<Buffer> response = TestGateway.await(gateway.client().get("/auth/verify")
        .putHeader("X-Original-Method", "GET").putHeader("X-Original-URI", "/accounts/1")
        .putHeader("Authorization", "Bearer " + validToken + " " + validToken).send());

    assertRejected(response);
  }

  private static HttpResponse<Buffer> verify(String token) {
    return nginx(gateway, "GET", "/accounts/1", token);
  }

  /** Issues a token for carol's live session with the gateway's key and settings changed by {@code overrides}. */
  private static String issue(Map<String, String> overrides, Clock clock) {
    Map<String, String> env = new HashMap<>();
    env.put("AUTHGATE_MODE", "development");
    env.put("AUTHGATE_TOKENS_ISSUER", gateway.config().tokens().issuer());
    env.putAll(overrides);
    GatewayConfig.Tokens settings = GatewayConfig.load(null, env).tokens();
    try {
      return new AccessTokenIssuer(gateway.vertx(), TestGateway.key(), settings, clock)
          .issue(validClaims.getSubject(), validClaims.getStringClaim("sid"),
              validClaims.getStringListClaim("roles"), validClaims.getStringListClaim("permissions"))
          .value();
    } catch (java.text.ParseException e) {
      throw new AssertionError("carol's token has no readable claims", e);
    }
  }

  private static String sign(JWSHeader header, JWSSigner signer) throws JOSEException {
    SignedJWT token = new SignedJWT(header, validClaims);
    token.sign(signer);
    return token.serialize();
  }

  private static void assertRejected(HttpResponse<Buffer> response) {
    assertEquals(401, response.statusCode(), response.bodyAsString());
    assertEquals("Bearer error=\"invalid_token\"", response.getHeader("WWW-Authenticate"));
    assertEquals(ProblemHandler.CONTENT_TYPE, response.getHeader("Content-Type"));
    assertEquals("urn:authgate:problem:invalid-token", VerifyRequests.problemType(response));
  }
}
