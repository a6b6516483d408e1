package dev.authgate.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authgate.password.PasswordHasher.Engine;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Base64;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The libsodium and BouncyCastle engines read and write the same Argon2 PHC strings. */
class Argon2EnginesTest {

  /** Cheap parameters for tests that are not about the default cost. */
  static final Argon2Parameters CHEAP = new Argon2Parameters(64, 1, 1);

  private static final Pattern DEFAULT_PHC =
      Pattern.compile("\\$argon2id\\$v=19\\$m=7168,t=5,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");

  static PasswordHasher nativeDefault;
  static PasswordHasher javaDefault;
  static PasswordHasher nativeCheap;
  static PasswordHasher javaCheap;

  @BeforeAll
  static void hashers() {
    nativeDefault = PasswordHasher.create(Engine.LIBSODIUM, Argon2Parameters.DEFAULT);
    javaDefault = PasswordHasher.create(Engine.JAVA, Argon2Parameters.DEFAULT);
    nativeCheap = PasswordHasher.create(Engine.LIBSODIUM, CHEAP);
    javaCheap = PasswordHasher.create(Engine.JAVA, CHEAP);
  }

  @Test
  void engineNames() {
    assertTrue(nativeDefault.engineName().startsWith("libsodium-"), nativeDefault.engineName());
    assertEquals("bouncycastle", javaDefault.engineName());
    assertEquals(Argon2Parameters.DEFAULT, nativeDefault.parameters());
  }

  @Test
  void nativeHashAtDefaultVerifiesWithJava() {
    String phc = nativeDefault.hash("correct horse battery staple");
    assertTrue(DEFAULT_PHC.matcher(phc).matches(), phc);
    assertTrue(javaDefault.verify(phc, "correct horse battery staple"));
    assertFalse(javaDefault.verify(phc, "correct horse battery stapler"));
    assertTrue(nativeDefault.verify(phc, "correct horse battery staple"));
    assertFalse(nativeDefault.verify(phc, "Correct horse battery staple"));
  }

  @Test
  void javaHashAtDefaultVerifiesWithNative() {
    String phc = javaDefault.hash("correct horse battery staple".toCharArray());
    assertTrue(DEFAULT_PHC.matcher(phc).matches(), phc);
    assertTrue(nativeDefault.verify(phc, "correct horse battery staple".toCharArray()));
    assertFalse(nativeDefault.verify(phc, "correct horse battery stapl"));
    assertTrue(javaDefault.verify(phc, "correct horse battery staple"));
    assertFalse(javaDefault.verify(phc, ""));
  }

  @Test
  void saltsAreRandom() {
    assertNotEquals(nativeCheap.hash("same"), nativeCheap.hash("same"));
    assertNotEquals(javaCheap.hash("same"), javaCheap.hash("same"));
  }

  @Test
  void enginesAgreeOnSameSalt() {
    byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    String a = nativeCheap.hashWithSalt("pässwörd 🔑", salt);
    String b = javaCheap.hashWithSalt("pässwörd 🔑", salt);
    assertEquals(a, b);
    assertTrue(a.startsWith("$argon2id$v=19$m=64,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$"), a);
    assertThrows(IllegalArgumentException.class, () -> nativeCheap.hashWithSalt("x", new byte[8]));
  }

  /** The reference implementation's own example: {@code echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1}. */
  @Test
  void referenceImplementationVector() {
    String phc = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
    assertTrue(nativeCheap.verify(phc, "password"));
    assertTrue(javaCheap.verify(phc, "password"));
    assertFalse(nativeCheap.verify(phc, "passwore"));
    assertFalse(javaCheap.verify(phc, "passwore"));
  }

  @Test
  void argon2iAndMultiLaneVerify() {
    for (int type : new int[] {
        org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_i,
        org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id}) {
      for (int lanes : new int[] {1, 2}) {
        String phc = bouncyCastlePhc(type, 64, 3, lanes, "legacy-argon2-pw");
        for (PasswordHasher hasher : new PasswordHasher[] {nativeCheap, javaCheap}) {
          assertTrue(hasher.verify(phc, "legacy-argon2-pw"), hasher.engineName() + " " + phc);
          assertFalse(hasher.verify(phc, "legacy-argon2-pW"), hasher.engineName() + " " + phc);
        }
      }
    }
  }

  @Test
  void unicodePasswords() {
    String nfc = Normalizer.normalize("Jürgen-Ŝtraße-密码-🔑", Normalizer.Form.NFC);
    String nfd = Normalizer.normalize(nfc, Normalizer.Form.NFD);
    String fromNative = nativeCheap.hash(nfc);
    String fromJava = javaCheap.hash(nfc.toCharArray());
    for (String phc : new String[] {fromNative, fromJava}) {
      for (PasswordHasher hasher : new PasswordHasher[] {nativeCheap, javaCheap}) {
        assertTrue(hasher.verify(phc, nfc));
        assertTrue(hasher.verify(phc, nfc.toCharArray()));
        // No normalisation: the decomposed form is a different password.
        assertFalse(hasher.verify(phc, nfd));
      }
    }
  }

  @Test
  void dummyHashIsCurrentAndMatchesNothingGuessable() {
    for (PasswordHasher hasher : new PasswordHasher[] {nativeDefault, javaDefault}) {
      String dummy = hasher.dummyHash();
      assertTrue(DEFAULT_PHC.matcher(dummy).matches(), dummy);
      assertEquals(dummy, hasher.dummyHash());
      assertFalse(hasher.needsRehash(dummy));
      assertFalse(hasher.verify(dummy, ""));
      assertFalse(hasher.verify(dummy, "password"));
    }
  }

  @Test
  void autoFallsBackForMultiLane() {
    assertTrue(PasswordHasher.create("auto", CHEAP).engineName().startsWith("libsodium-"));
    Argon2Parameters twoLanes = new Argon2Parameters(64, 1, 2);
    PasswordHasher auto = PasswordHasher.create(Engine.AUTO, twoLanes);
    assertEquals("bouncycastle", auto.engineName());
    assertTrue(auto.hash("x").startsWith("$argon2id$v=19$m=64,t=1,p=2$"));
    assertThrows(IllegalArgumentException.class, () -> PasswordHasher.create(Engine.LIBSODIUM, twoLanes));
  }

  @Test
  void engineSetting() {
    assertEquals(Engine.AUTO, Engine.fromSetting("auto"));
    assertEquals(Engine.AUTO, Engine.fromSetting(null));
    assertEquals(Engine.AUTO, Engine.fromSetting(" "));
    assertEquals(Engine.LIBSODIUM, Engine.fromSetting("LibSodium"));
    assertEquals(Engine.JAVA, Engine.fromSetting(" java "));
    assertThrows(IllegalArgumentException.class, () -> Engine.fromSetting("argon2-jvm"));
  }

  @Test
  void parameterValidation() {
    assertEquals(new Argon2Parameters(7168, 5, 1), Argon2Parameters.DEFAULT);
    assertThrows(IllegalArgumentException.class, () -> new Argon2Parameters(7, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new Argon2Parameters(8, 1, 2));
    assertThrows(IllegalArgumentException.class, () -> new Argon2Parameters(64, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new Argon2Parameters(64, 1, 0));
  }

  static String bouncyCastlePhc(int type, int memoryKib, int iterations, int lanes, String password) {
    byte[] salt = "sixteen byte slt".getBytes(StandardCharsets.US_ASCII);
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(new org.bouncycastle.crypto.params.Argon2Parameters.Builder(type)
        .withVersion(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(lanes).withSalt(salt).build());
    byte[] out = new byte[32];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    String name = type == org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_i ? "argon2i" : "argon2id";
    return "$" + name + "$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + lanes + "$"
        + b64.encodeToString(salt) + "$" + b64.encodeToString(out);
  }
}
