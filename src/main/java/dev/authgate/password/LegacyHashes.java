package dev.authgate.password;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Verification (never creation) of hashes imported from other systems. The accepted formats are listed in
 * {@link PasswordHasher}'s class documentation.
 */
final class LegacyHashes {

  /** Highest bcrypt cost accepted (2^16 rounds, several seconds); higher is treated as malformed. */
  static final int MAX_BCRYPT_COST = 16;
  /** Highest PBKDF2 iteration count accepted; higher is treated as malformed. */
  static final int MAX_PBKDF2_ITERATIONS = 10_000_000;
  static final int MIN_PBKDF2_KEY_BYTES = 16;
  static final int MAX_PBKDF2_KEY_BYTES = 128;
  static final int MAX_PBKDF2_SALT_BYTES = 1024;

  private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$([0-9]{2})\\$[./A-Za-z0-9]{53}");
  private static final Pattern PBKDF2 = Pattern.compile(
      "\\$pbkdf2-(sha256|sha512)\\$(?:i=)?([1-9][0-9]{0,8})\\$([A-Za-z0-9+/.]*={0,2})\\$([A-Za-z0-9+/.]+={0,2})");

  private LegacyHashes() {}

  static boolean verifyBcrypt(String phc, byte[] password) throws MalformedHashException {
    Matcher m = BCRYPT.matcher(phc);
    if (!m.matches()) {
      throw new MalformedHashException("expected $2a$/$2b$/$2y$<cost>$<53 characters>");
    }
    int cost = Integer.parseInt(m.group(1));
    if (cost < 4 || cost > MAX_BCRYPT_COST) {
      throw new MalformedHashException("bcrypt cost out of range (4.." + MAX_BCRYPT_COST + ")");
    }
    try {
      // BouncyCastle uses the first 72 bytes, like OpenBSD; the comparison is constant-time.
      return OpenBSDBCrypt.checkPassword(phc, password);
    } catch (IllegalArgumentException e) {
      throw new MalformedHashException("rejected by the bcrypt decoder");
    }
  }

  static boolean verifyPbkdf2(String phc, byte[] password) throws MalformedHashException {
    Matcher m = PBKDF2.matcher(phc);
    if (!m.matches()) {
      throw new MalformedHashException(
          "expected $pbkdf2-sha256|sha512$i=<iterations>$<salt>$<hash> or $pbkdf2-...$<iterations>$<salt>$<hash>");
    }
    Digest digest = m.group(1).equals("sha256") ? new SHA256Digest() : new SHA512Digest();
    int iterations = Integer.parseInt(m.group(2));
    if (iterations > MAX_PBKDF2_ITERATIONS) {
      throw new MalformedHashException("PBKDF2 iterations out of range");
    }
    byte[] salt = decode(m.group(3), "salt");
    byte[] expected = decode(m.group(4), "hash");
    if (salt.length > MAX_PBKDF2_SALT_BYTES) {
      throw new MalformedHashException("PBKDF2 salt too long");
    }
    if (expected.length < MIN_PBKDF2_KEY_BYTES || expected.length > MAX_PBKDF2_KEY_BYTES) {
      throw new MalformedHashException("PBKDF2 hash length out of range");
    }
    PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(digest);
    generator.init(password, salt, iterations);
    byte[] actual = ((KeyParameter) generator.generateDerivedParameters(expected.length * 8)).getKey();
    try {
      return MessageDigest.isEqual(actual, expected);
    } finally {
      Arrays.fill(actual, (byte) 0);
    }
  }

  /** Standard base64, with passlib's '.' accepted for '+', padding optional. */
  private static byte[] decode(String b64, String what) throws MalformedHashException {
    try {
      return Base64.getDecoder().decode(b64.replace('.', '+'));
    } catch (IllegalArgumentException e) {
      throw new MalformedHashException("PBKDF2 " + what + " is not valid base64");
    }
  }
}
