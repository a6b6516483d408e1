package dev.authgate.password;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authgate.password.PasswordHasher.Engine;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Imported bcrypt and PBKDF2 hashes verify; they always need a rehash. */
class LegacyHashesTest {

  static PasswordHasher hasher;

  @BeforeAll
  static void hasher() {
    hasher = PasswordHasher.create(Engine.JAVA, Argon2EnginesTest.CHEAP);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2a", "2b", "2y"})
  void bcryptVersions(String version) {
    byte[] salt = "bcrypt-salt-16by".getBytes(StandardCharsets.US_ASCII);
    for (String password : new String[] {"hunter2", "Jürgen-密码-🔑"}) {
      String hash = OpenBSDBCrypt.generate(version, password.toCharArray(), salt, 4);
      assertTrue(hash.startsWith("$" + version + "$04$"), hash);
      assertTrue(hasher.verify(hash, password), hash);
      assertTrue(hasher.verify(hash, password.toCharArray()), hash);
      assertFalse(hasher.verify(hash, password + "!"), hash);
      assertTrue(hasher.needsRehash(hash));
    }
  }

  @Test
  void bcryptOnlyReadsTheFirst72Bytes() {
    char[] long80 = new char[80];
    Arrays.fill(long80, 'a');
    String hash = OpenBSDBCrypt.generate("2b", Arrays.copyOf(long80, 72), new byte[16], 4);
    assertTrue(hasher.verify(hash, long80));
  }

  @Test
  void bcryptCostAboveLimitIsRejectedWithoutWork() {
    String hash = OpenBSDBCrypt.generate("2b", "pw".toCharArray(), new byte[16], 4);
    assertFalse(hasher.verify(hash.replace("$2b$04$", "$2b$17$"), "pw"));
    assertFalse(hasher.verify(hash.replace("$2b$04$", "$2b$03$"), "pw"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sha256", "sha512"})
  void pbkdf2PhcStyle(String digest) throws Exception {
    byte[] salt = "pbkdf2 salt 16 b".getBytes(StandardCharsets.US_ASCII);
    for (String password : new String[] {"correct horse", "Jürgen-密码-🔑"}) {
      byte[] dk = jdkPbkdf2(digest, password, salt, 1000, digest.equals("sha256") ? 32 : 64);
      String unpadded = "$pbkdf2-" + digest + "$i=1000$" + b64(salt) + "$" + b64(dk);
      String padded = "$pbkdf2-" + digest + "$i=1000$" + Base64.getEncoder().encodeToString(salt) + "$"
          + Base64.getEncoder().encodeToString(dk);
      for (String hash : new String[] {unpadded, padded}) {
        assertTrue(hasher.verify(hash, password), hash);
        assertFalse(hasher.verify(hash, password + " "), hash);
        assertTrue(hasher.needsRehash(hash));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sha256", "sha512"})
  void pbkdf2PasslibStyle(String digest) throws Exception {
    // Salt chosen so that its base64 contains '+', which passlib writes as '.'.
    byte[] salt = {(byte) 0xfb, (byte) 0xef, (byte) 0xbe, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};
    byte[] dk = jdkPbkdf2(digest, "passlib user", salt, 2000, digest.equals("sha256") ? 32 : 64);
    String hash = "$pbkdf2-" + digest + "$2000$" + ab64(salt) + "$" + ab64(dk);
    assertTrue(hash.contains("."), hash);
    assertTrue(hasher.verify(hash, "passlib user"), hash);
    assertFalse(hasher.verify(hash, "passlib User"), hash);
    assertTrue(hasher.needsRehash(hash));
  }

  /**
   * Fixed vector from another implementation: CPython's {@code hashlib.pbkdf2_hmac("sha256", b"password", salt,
   * 29000, 32)}, written in passlib's format (adapted base64, no padding).
   */
  @Test
  void fixedPasslibFormatVector() {
    String hash = "$pbkdf2-sha256$29000$9t7be09prfXee2/NOUeotQ$yIPphVdF97u.XzygN1ToroW.pJoenSO2MPWQIaDuH7Y";
    assertTrue(hasher.verify(hash, "password"));
    assertFalse(hasher.verify(hash, "Password"));
  }

  @Test
  void pbkdf2Limits() throws Exception {
    byte[] salt = new byte[16];
    byte[] dk = jdkPbkdf2("sha256", "pw", salt, 1, 32);
    assertTrue(hasher.verify("$pbkdf2-sha256$i=1$" + b64(salt) + "$" + b64(dk), "pw"));
    assertFalse(hasher.verify("$pbkdf2-sha256$i=10000001$" + b64(salt) + "$" + b64(dk), "pw"));
    assertFalse(hasher.verify("$pbkdf2-sha256$i=0$" + b64(salt) + "$" + b64(dk), "pw"));
    assertFalse(hasher.verify("$pbkdf2-sha256$i=01$" + b64(salt) + "$" + b64(dk), "pw"));
    assertFalse(hasher.verify("$pbkdf2-sha256$i=1$" + b64(salt) + "$" + b64(new byte[8]), "pw"));
    assertFalse(hasher.verify("$pbkdf2-sha1$i=1$" + b64(salt) + "$" + b64(dk), "pw"));
    assertFalse(hasher.verify("$pbkdf2-sha256$i=1$" + b64(salt) + "$" + b64(dk) + "$", "pw"));
  }

  static byte[] jdkPbkdf2(String digest, String password, byte[] salt, int iterations, int bytes)
      throws Exception {
    String algorithm = digest.equals("sha256") ? "PBKDF2WithHmacSHA256" : "PBKDF2WithHmacSHA512";
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, bytes * 8);
    return SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
  }

  static String b64(byte[] bytes) {
    return Base64.getEncoder().withoutPadding().encodeToString(bytes);
  }

  static String ab64(byte[] bytes) {
    return b64(bytes).replace('+', '.');
  }
}
