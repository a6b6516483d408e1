package dev.authgate.token;

import dev.authgate.config.ConfigException;
import dev.authgate.config.GatewayConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads signing keys from PEM files, or makes an in-memory key for development mode. Both block (file reads,
 * key generation), so they run before the event loops start or on a worker thread.
 */
public final class SigningKeyLoader {

  static final int MIN_RSA_BITS = 2048;

  private SigningKeyLoader() {}

  /** Loads every configured key and checks that each private key matches its public key. */
  public static List<SigningKey> load(GatewayConfig.Tokens tokens) {
    List<SigningKey> keys = new ArrayList<>();
    for (GatewayConfig.SigningKeyFile file : tokens.signingKeys()) {
      keys.add(loadOne(file, tokens.algorithm()));
    }
    return List.copyOf(keys);
  }

  /** Generates a key pair that lives only in this process, for development mode and tests. */
  public static SigningKey generate(String kid, String algorithm) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(keyFactoryAlgorithm(algorithm));
      switch (algorithm) {
        case "RS256" -> generator.initialize(MIN_RSA_BITS);
        case "ES256" -> generator.initialize(new ECGenParameterSpec("secp256r1"));
        default -> { }
      }
      KeyPair pair = generator.generateKeyPair();
      return new SigningKey(kid, algorithm, pair.getPrivate(), pair.getPublic(), GatewayConfig.KeyState.ACTIVE);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot generate a " + algorithm + " key on this JVM", e);
    }
  }

  private static SigningKey loadOne(GatewayConfig.SigningKeyFile file, String algorithm) {
    String where = "signing key '" + file.kid() + "'";
    try {
      KeyFactory factory = KeyFactory.getInstance(keyFactoryAlgorithm(algorithm));
      byte[] privateDer = Pem.decode(read(file.privateKeyFile(), where), "PRIVATE KEY", file.privateKeyFile().toString());
      PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(privateDer));
      PublicKey publicKey = publicKeyFor(file, factory, privateKey, where);
      checkStrength(publicKey, where);
      checkPair(algorithm, privateKey, publicKey, where);
      return new SigningKey(file.kid(), algorithm, privateKey, publicKey, file.state());
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new ConfigException("Cannot load " + where + " as a " + algorithm + " key: " + e.getMessage(), e);
    }
  }

  private static PublicKey publicKeyFor(
      GatewayConfig.SigningKeyFile file, KeyFactory factory, PrivateKey privateKey, String where)
      throws GeneralSecurityException {
    if (file.publicKeyFile() != null) {
      byte[] der = Pem.decode(read(file.publicKeyFile(), where), "PUBLIC KEY", file.publicKeyFile().toString());
      return factory.generatePublic(new X509EncodedKeySpec(der));
    }
    if (privateKey instanceof RSAPrivateCrtKey crt) {
      return factory.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
    }
    throw new ConfigException(where + " needs public-key-file: the public key can only be derived from RSA private keys");
  }

  private static void checkStrength(PublicKey key, String where) {
    if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
      throw new ConfigException(where + " is RSA " + rsa.getModulus().bitLength() + " bits; at least " + MIN_RSA_BITS + " are required");
    }
  }

  /** Signs a fixed probe and verifies it, so a mismatched pair fails start-up rather than every login. */
  private static void checkPair(String algorithm, PrivateKey privateKey, PublicKey publicKey, String where)
      throws GeneralSecurityException {
    byte[] probe = "authgate key pair check".getBytes(StandardCharsets.US_ASCII);
    Signature signer = Signature.getInstance(signatureAlgorithm(algorithm));
    signer.initSign(privateKey);
    signer.update(probe);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance(signatureAlgorithm(algorithm));
    verifier.initVerify(publicKey);
    verifier.update(probe);
    if (!verifier.verify(signature)) {
      throw new ConfigException(where + ": the public key does not match the private key");
    }
  }

  private static String read(Path path, String where) {
    try {
      return Files.readString(path, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new ConfigException("Cannot read " + path + " for " + where + ": " + e.getMessage(), e);
    }
  }

  static String keyFactoryAlgorithm(String algorithm) {
    return switch (algorithm) {
      case "RS256" -> "RSA";
      case "ES256" -> "EC";
      case "EdDSA" -> "Ed25519";
      default -> throw new ConfigException("Unsupported token algorithm '" + algorithm + "'");
    };
  }

  private static String signatureAlgorithm(String algorithm) {
    return switch (algorithm) {
      case "RS256" -> "SHA256withRSA";
      case "ES256" -> "SHA256withECDSA";
      default -> "Ed25519";
    };
  }
}
