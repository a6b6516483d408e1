package dev.authgate.token;

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
import dev.authgate.http.ProblemHandler;
import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import dev.authgate.testing.TestUsers;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /me} with tokens that must not pass: forged with nimbus from a real login's token, signed with
 * the gateway's own test key but with wrong claims, or sent in a wrong way. Every one must get the same
 * 401 problem with {@code WWW-Authenticate: Bearer}. Two control tests show that the valid token, and the
 * same claims signed again through the forging path, are accepted, so a rejection points at the one change.
 */
class TokenRejectionTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create();

  static TestGateway gateway;
  static String validToken;
  static SignedJWT valid;
  static JWTClaimsSet validClaims;
  static String kid;
  static RSAKey attackerKey;

  @BeforeAll
  static void loginAlice() throws Exception {
    gateway = TestGateway.start(REDIS.uri());
    validToken = gateway.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).getString("access_token");
    valid = SignedJWT.parse(validToken);
    validClaims = valid.getJWTClaimsSet();
    kid = valid.getHeader().getKeyID();
    attackerKey = new RSAKeyGenerator(2048).keyID(kid).generate();
  }

  @AfterAll
  static void stopGateway() {
    gateway.assertNoBlockedThreads();
    gateway.close();
  }

  @Test
  void validTokenIsAccepted() {
    HttpResponse<Buffer> response = gateway.getWithToken("/me", validToken);

    assertEquals(200, response.statusCode(), response.bodyAsString());
  }

  @Test
  void resignedClaimsAreAccepted() throws Exception {
    HttpResponse<Buffer> response = gateway.getWithToken("/me", signWithGatewayKey(validClaims));

    assertEquals(200, response.statusCode(), response.bodyAsString());
  }

  @Test
  void algNoneIsRejected() {
    assertRejected(gateway.getWithToken("/me", new PlainJWT(validClaims).serialize()));
  }

  @Test
  void tamperedSubjectIsRejected() {
    JWTClaimsSet carol = new JWTClaimsSet.Builder(validClaims).subject("u-carol").build();
    String token = valid.getHeader().toBase64URL() + "." + carol.toPayload().toBase64URL() + "." + valid.getSignature();

    assertRejected(gateway.getWithToken("/me", token));
  }

  @Test
  void tamperedSignatureIsRejected() {
    byte[] signature = valid.getSignature().decode();
    signature[signature.length / 2] ^= 0x01;
    String[] parts = validToken.split("\\.");
    String token = parts[0] + "." + parts[1] + "." + Base64URL.encode(signature);

    assertRejected(gateway.getWithToken("/me", token));
  }

  @Test
  void hs256WithPublicKeyPemIsRejected() throws Exception {
    byte[] secret = Pem.encodePublic(TestGateway.key().publicKey()).getBytes(StandardCharsets.US_ASCII);
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build();

    assertRejected(gateway.getWithToken("/me", sign(header, validClaims, new MACSigner(secret))));
  }

  @Test
  void hs256WithPublicKeyDerIsRejected() throws Exception {
    byte[] secret = TestGateway.key().publicKey().getEncoded();
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build();

    assertRejected(gateway.getWithToken("/me", sign(header, validClaims, new MACSigner(secret))));
  }

  @Test
  void embeddedJwkIsRejected() throws Exception {
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).jwk(attackerKey.toPublicJWK()).build();

    assertRejected(gateway.getWithToken("/me", sign(header, validClaims, new RSASSASigner(attackerKey))));
  }

  @Test
  void jkuHeaderIsRejected() throws Exception {
    // Points at the gateway's own loopback port, so nothing leaves the machine even if it were fetched.
    URI jku = URI.create("http://127.0.0.1:" + gateway.port() + "/attacker/jwks.json");
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).jwkURL(jku).build();

    assertRejected(gateway.getWithToken("/me", sign(header, validClaims, new RSASSASigner(attackerKey))));
  }

  @Test
  void otherKeyWithSameKidIsRejected() throws Exception {
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build();

    assertRejected(gateway.getWithToken("/me", sign(header, validClaims, new RSASSASigner(attackerKey))));
  }

  @Test
  void expiredTokenIsRejected() {
    String token = gateway.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).getString("access_token");
    Duration pastLeeway = Duration.ofSeconds(300 + 30 + 1);

    gateway.clock().advance(pastLeeway);
    try {
      assertRejected(gateway.getWithToken("/me", token));
    } finally {
      gateway.clock().advance(pastLeeway.negated());
    }
  }

  @Test
  void expiredWithinLeewayIsAccepted() {
    String token = gateway.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).getString("access_token");
    Duration withinLeeway = Duration.ofSeconds(300 + 29);

    gateway.clock().advance(withinLeeway);
    try {
      HttpResponse<Buffer> response = gateway.getWithToken("/me", token);
      assertEquals(200, response.statusCode(), response.bodyAsString());
    } finally {
      gateway.clock().advance(withinLeeway.negated());
    }
  }

  @Test
  void wrongAudienceIsRejected() throws Exception {
    JWTClaimsSet claims = new JWTClaimsSet.Builder(validClaims).audience("another-service").build();

    assertRejected(gateway.getWithToken("/me", signWithGatewayKey(claims)));
  }

  @Test
  void wrongIssuerIsRejected() throws Exception {
    JWTClaimsSet claims = new JWTClaimsSet.Builder(validClaims).issuer("https://issuer.invalid").build();

    assertRejected(gateway.getWithToken("/me", signWithGatewayKey(claims)));
  }

  @Test
  void garbageStringIsRejected() {
    assertRejected(gateway.getWithToken("/me", "not-a-jwt"));
  }

  @Test
  void missingAuthorizationIsRejected() {
    assertRejected(gateway.getWithToken("/me", null));
  }

  @Test
  void nonBearerSchemeIsRejected() {
    HttpResponse<Buffer> response = TestGateway.await(gateway.client().get("/me")
        .putHeader("Authorization", "Basic " + validToken)
        .send());

    assertRejected(response);
  }

  private static void assertRejected(HttpResponse<Buffer> response) {
    assertEquals(401, response.statusCode(), response.bodyAsString());
    assertEquals(ProblemHandler.CONTENT_TYPE, response.getHeader("Content-Type"));
    assertEquals("Bearer", response.getHeader("WWW-Authenticate"));
    assertEquals("urn:authgate:problem:invalid-token", response.bodyAsJsonObject().getString("type"));
  }

  private static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) throws JOSEException {
    SignedJWT token = new SignedJWT(header, claims);
    token.sign(signer);
    return token.serialize();
  }

  /** Signs with the gateway's own test key, so only the changed claim can cause a rejection. */
  private static String signWithGatewayKey(JWTClaimsSet claims) throws Exception {
    String pem = TestGateway.key().signingOptions().getBuffer().toString();
    byte[] der = Pem.decode(pem, "PRIVATE KEY", "test signing key");
    PrivateKey privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build();
    return sign(header, claims, new RSASSASigner(privateKey));
  }
}
