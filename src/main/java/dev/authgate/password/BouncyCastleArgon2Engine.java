package dev.authgate.password;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;

/**
 * Pure-Java Argon2 (BouncyCastle {@link Argon2BytesGenerator}): always available, 2 to 2.7 times slower
 * than libsodium at the default parameters (the figure varies with the JIT). Verifies argon2i and argon2id with any lane count (lanes are
 * computed sequentially on the calling thread).
 */
final class BouncyCastleArgon2Engine implements Argon2Engine {

  static final String NAME = "bouncycastle";
  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean canHash(Argon2Parameters params) {
    return true;
  }

  @Override
  public String hash(byte[] password, Argon2Parameters params) {
    byte[] salt = new byte[Argon2Phc.SALT_BYTES];
    RANDOM.nextBytes(salt);
    return hash(password, salt, params);
  }

  @Override
  public String hash(byte[] password, byte[] salt, Argon2Parameters params) {
    byte[] out = derive(Argon2Phc.Type.ARGON2ID, params, salt, password, Argon2Phc.HASH_BYTES);
    return Argon2Phc.encode(Argon2Phc.Type.ARGON2ID, params, salt, out);
  }

  @Override
  public boolean verify(Argon2Phc parsed, String phc, byte[] password) {
    byte[] actual = derive(parsed.type(), parsed.parameters(), parsed.salt(), password, parsed.hash().length);
    try {
      return MessageDigest.isEqual(actual, parsed.hash());
    } finally {
      Arrays.fill(actual, (byte) 0);
    }
  }

  static byte[] derive(Argon2Phc.Type type, Argon2Parameters p, byte[] salt, byte[] password, int length) {
    var bcParams = new org.bouncycastle.crypto.params.Argon2Parameters.Builder(type.bouncyCastleType)
        .withVersion(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(p.memoryKib())
        .withIterations(p.iterations())
        .withParallelism(p.parallelism())
        .withSalt(salt)
        .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(bcParams);
    byte[] out = new byte[length];
    generator.generateBytes(password, out);
    return out;
  }
}
