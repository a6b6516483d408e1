package dev.authgate.token;

import dev.authgate.config.GatewayConfig.KeyState;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.PubSecKeyOptions;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

/** One key pair with its key id. The private key never leaves the process and is never logged. */
public final class SigningKey {

  private final String kid;
  private final String algorithm;
  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final KeyState state;

  public SigningKey(String kid, String algorithm, PrivateKey privateKey, PublicKey publicKey, KeyState state) {
    this.kid = kid;
    this.algorithm = algorithm;
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.state = state;
  }

  public KeyState state() {
    return state;
  }

  /** Returns a copy of this key in another state, for tests and rotation drills. */
  public SigningKey withState(KeyState newState) {
    return new SigningKey(kid, algorithm, privateKey, publicKey, newState);
  }

  public String kid() {
    return kid;
  }

  public String algorithm() {
    return algorithm;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** Returns the PEM text of the private key, for writing a newly generated key to its file. */
  String privatePem() {
    return Pem.encodePrivate(privateKey);
  }

  /** Returns vertx-auth options that let a JWTAuth sign with this key. */
  PubSecKeyOptions signingOptions() {
    return new PubSecKeyOptions().setId(kid).setAlgorithm(algorithm).setBuffer(Pem.encodePrivate(privateKey));
  }

  /** Returns vertx-auth options that let a JWTAuth verify signatures of this key. */
  PubSecKeyOptions verifyingOptions() {
    return new PubSecKeyOptions().setId(kid).setAlgorithm(algorithm).setBuffer(Pem.encodePublic(publicKey));
  }

  /** Returns the public JWK (RFC 7517) of this key. */
  public JsonObject publicJwk() {
    JsonObject jwk = new JsonObject().put("kid", kid).put("use", "sig").put("alg", algorithm);
    if (publicKey instanceof RSAPublicKey rsa) {
      return jwk.put("kty", "RSA").put("n", unsigned(rsa.getModulus())).put("e", unsigned(rsa.getPublicExponent()));
    }
    if (publicKey instanceof ECPublicKey ec) {
      int size = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
      return jwk.put("kty", "EC").put("crv", "P-256")
          .put("x", fixedLength(ec.getW().getAffineX(), size))
          .put("y", fixedLength(ec.getW().getAffineY(), size));
    }
    if (publicKey instanceof EdECPublicKey) {
      // The last 32 bytes of the X.509 encoding of an Ed25519 key are the raw public key (RFC 8410).
      byte[] encoded = publicKey.getEncoded();
      byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
      return jwk.put("kty", "OKP").put("crv", "Ed25519").put("x", base64Url(raw));
    }
    throw new IllegalStateException("Unsupported public key type " + publicKey.getAlgorithm() + " for kid " + kid);
  }

  private static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return base64Url(bytes);
  }

  private static String fixedLength(BigInteger value, int length) {
    byte[] bytes = value.toByteArray();
    byte[] out = new byte[length];
    int copy = Math.min(bytes.length, length);
    System.arraycopy(bytes, bytes.length - copy, out, length - copy, copy);
    return base64Url(out);
  }

  private static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public String toString() {
    return "SigningKey[kid=" + kid + ", alg=" + algorithm + ", state=" + state + "]";
  }
}
