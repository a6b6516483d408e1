package dev.authgate.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.authgate.password.PasswordHasher.Engine;
import java.util.List;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Malformed input, logging, rehash decisions and the length limit. */
class PasswordHasherTest {

  static PasswordHasher nativeCheap;
  static PasswordHasher javaCheap;

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(PasswordHasher.class);

  @BeforeAll
  static void hashers() {
    nativeCheap = PasswordHasher.create(Engine.LIBSODIUM, Argon2EnginesTest.CHEAP);
    javaCheap = PasswordHasher.create(Engine.JAVA, Argon2EnginesTest.CHEAP);
  }

  @BeforeEach
  void captureLogs() {
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    logger.detachAppender(logs);
  }

  private static final String VALID_SALT = "c2l4dGVlbiBieXRlIHNsdA";
  private static final String VALID_HASH = "CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

  static final List<String> MALFORMED = List.of(
      "",
      "hunter2",
      "$",
      "$$$",
      "$argon2id",
      "$argon2id$",
      "$argon2id$v=19$m=64,t=1,p=1$" + VALID_SALT,
      "$argon2id$v=19$m=64,t=1,p=1$" + VALID_SALT + "$",
      "$argon2id$v=19$m=64,t=1,p=1$" + VALID_SALT + "$" + VALID_HASH + "$",
      "$argon2id$v=16$m=64,t=1,p=1$" + VALID_SALT + "$" + VALID_HASH,
      "$argon2id$m=64,t=1,p=1$" + VALID_SALT + "$" + VALID_HASH,
      "$argon2id$v=19$t=1,m=64,p=1$" + VALID_SALT + "$" + VALID_HASH,
      "$argon2id$v=19$m=64,t=1,p=1,keyid=x$" + VALID_SALT + "$" + VALID_HASH,
      "$argon2id$v=19$m=064,t=1,p=1$" + VALID_SALT + "$" + VALID_HASH,
      "$argon2id$v=19$m=-64,t=1,p=1$" + VALID_SALT + "$" + VALID_HASH,
      "$argon2id$v=19$m=4,t=1,p=1$" + VALID_SALT + "$" + VALID_HASH,
      "$argon2id$v=19$m=64,t=0,p=1$" + VALID_SALT + "$" + VALID_HASH,
      "$argon2id$v=19$m=64,t=1,p=0$" + VALID_SALT + "$" + VALID_HASH,
      "$argon2id$v=19$m=99999999999,t=1,p=1$" + VALID_SALT + "$" + VALID_HASH,
      "$argon2id$v=19$m=4194305,t=1,p=1$" + VALID_SALT + "$" + VALID_HASH,
      "$argon2id$v=19$m=64,t=101,p=1$" + VALID_SALT + "$" + VALID_HASH,
      "$argon2id$v=19$m=64,t=1,p=1$" + VALID_SALT + "==$" + VALID_HASH,
      "$argon2id$v=19$m=64,t=1,p=1$" + VALID_SALT + "$" + VALID_HASH + "=",
      "$argon2id$v=19$m=64,t=1,p=1$c2l4dGVlbiBieXRlIHNsdB$" + VALID_HASH, // non-canonical last char
      "$argon2id$v=19$m=64,t=1,p=1$c2l4$" + VALID_HASH, // 3-byte salt
      "$argon2id$v=19$m=64,t=1,p=1$" + VALID_SALT + "$CTFhFdXPJO1a", // 9-byte hash
      "$argon2id$v=19$m=64,t=1,p=1$" + VALID_SALT + "$CTFhFdXP-O1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", // url-safe
      "$argon2d$v=19$m=64,t=1,p=1$" + VALID_SALT + "$" + VALID_HASH,
      "$argon2ID$v=19$m=64,t=1,p=1$" + VALID_SALT + "$" + VALID_HASH,
      " $argon2id$v=19$m=64,t=1,p=1$" + VALID_SALT + "$" + VALID_HASH,
      "$2a$10$short",
      "$2b$10$" + "x".repeat(54),
      "$2y$1O$" + "x".repeat(53),
      "$2x$04$" + "x".repeat(53),
      "$pbkdf2-sha256$i=abc$c2FsdA$" + VALID_HASH,
      "$pbkdf2-sha256$i=1000$c2FsdA",
      "$pbkdf2-sha256$i=1000$c2F*dA$" + VALID_HASH,
      "$pbkdf2-sha512$i=1000$c2FsdA$A",
      "$pbkdf2$1000$c2FsdA$" + VALID_HASH,
      "$1$saltsalt$hash",
      "$6$rounds=5000$salt$hash",
      "{SSHA}abcdef",
      "$argon2id$v=19$m=64,t=1,p=1$" + VALID_SALT + "$" + VALID_HASH + "\u0000",
      "$argon2id$v=19$m=64,t=1,p=1$" + VALID_SALT + "$" + VALID_HASH + "\n");

  @Test
  void malformedHashesFailWithoutThrowing() {
    for (String phc : MALFORMED) {
      for (PasswordHasher hasher : new PasswordHasher[] {nativeCheap, javaCheap}) {
        assertFalse(hasher.verify(phc, "password"), hasher.engineName() + ": " + phc);
        assertFalse(hasher.verify(phc, "password".toCharArray()), hasher.engineName() + ": " + phc);
        assertTrue(hasher.needsRehash(phc), phc);
      }
    }
    assertFalse(nativeCheap.verify(null, "password"));
    assertFalse(javaCheap.verify(null, "password".toCharArray()));
    assertTrue(nativeCheap.needsRehash(null));
  }

  @Test
  void nullPasswordFailsWithoutThrowing() {
    String phc = nativeCheap.hash("x");
    assertFalse(nativeCheap.verify(phc, (String) null));
    assertFalse(javaCheap.verify(phc, (char[]) null));
  }

  @Test
  void warningNamesTheSchemeButNeverTheHash() {
    String secret = "U2VjcmV0U2FsdFNlY3JldA";
    nativeCheap.verify("$argon2id$v=19$m=64,t=1,p=1$" + secret + "$notbase64!!", "pw-Cleartext-42");
    javaCheap.verify("$2b$99$" + secret + secret + "abcdefghi", "pw-Cleartext-42");
    nativeCheap.verify("$pbkdf2-sha256$i=1$" + secret + "$", "pw-Cleartext-42");
    nativeCheap.verify("$md5$" + secret, "pw-Cleartext-42");
    nativeCheap.verify(secret, "pw-Cleartext-42");
    nativeCheap.verify("$" + secret, "pw-Cleartext-42");

    List<String> messages = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertEquals(6, messages.size(), messages.toString());
    assertTrue(logs.list.stream().allMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN));
    assertTrue(messages.get(0).contains("$argon2id"), messages.get(0));
    assertTrue(messages.get(1).contains("$2b"), messages.get(1));
    assertTrue(messages.get(2).contains("$pbkdf2-sha256"), messages.get(2));
    assertTrue(messages.get(3).contains("$md5"), messages.get(3));
    for (String message : messages) {
      assertFalse(message.contains(secret), message);
      assertFalse(message.contains("pw-Cleartext-42"), message);
    }
  }

  @Test
  void wrongPasswordLogsNothing() {
    String phc = nativeCheap.hash("right");
    assertFalse(nativeCheap.verify(phc, "wrong"));
    assertFalse(javaCheap.verify(phc, "wrong"));
    assertTrue(logs.list.isEmpty(), logs.list.toString());
  }

  @Test
  void needsRehash() {
    PasswordHasher atDefault = PasswordHasher.create(Engine.LIBSODIUM, Argon2Parameters.DEFAULT);
    assertFalse(atDefault.needsRehash(atDefault.dummyHash()));
    String cheap = nativeCheap.hash("pw");
    assertFalse(nativeCheap.needsRehash(cheap));
    assertFalse(javaCheap.needsRehash(cheap));
    assertTrue(atDefault.needsRehash(cheap));
    assertTrue(nativeCheap.needsRehash(atDefault.dummyHash()));

    String current = atDefault.dummyHash();
    assertTrue(atDefault.needsRehash(current.replace("m=7168,", "m=7169,")));
    assertTrue(atDefault.needsRehash(current.replace(",t=5,", ",t=4,")));
    assertTrue(atDefault.needsRehash(current.replace(",p=1$", ",p=2$")));
    assertTrue(atDefault.needsRehash(current.replace("$argon2id$", "$argon2i$")));
    String argon2i = Argon2EnginesTest.bouncyCastlePhc(
        org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_i, 64, 1, 1, "pw");
    assertTrue(nativeCheap.needsRehash(argon2i));
    assertTrue(nativeCheap.needsRehash(OpenBSDBCrypt.generate("2b", "pw".toCharArray(), new byte[16], 4)));
    assertTrue(nativeCheap.needsRehash("$pbkdf2-sha256$i=1000$c2FsdA$" + VALID_HASH));
  }

  @Test
  void passwordLengthLimit() {
    assertEquals(1024, PasswordHasher.MAX_PASSWORD_BYTES);
    String max = "é".repeat(512); // 1024 UTF-8 bytes
    String tooLong = max + "a";
    assertEquals(1024, PasswordHasher.utf8Length(max));
    assertEquals(1025, PasswordHasher.utf8Length(tooLong));
    String phc = javaCheap.hash(max);
    assertTrue(nativeCheap.verify(phc, max));
    assertFalse(nativeCheap.verify(phc, tooLong));
    assertThrows(IllegalArgumentException.class, () -> nativeCheap.hash(tooLong));
    assertThrows(IllegalArgumentException.class, () -> javaCheap.hash(tooLong.toCharArray()));
  }

  @Test
  void utf8LengthMatchesTheEncoder() {
    for (String s : new String[] {"", "abc", "ü", "€", "密码", "🔑", "a🔑b", "\uD83D", "x\uDC00y", "\uD83D\uD83D"}) {
      assertEquals(s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, PasswordHasher.utf8Length(s), s);
    }
  }

  @Test
  void charArrayAndStringAgreeOnUnpairedSurrogates() {
    String odd = "pw\uD83D!";
    String phc = nativeCheap.hash(odd);
    assertTrue(nativeCheap.verify(phc, odd.toCharArray()));
    assertTrue(nativeCheap.verify(phc, "pw?!"));
  }

  @Test
  void schemeLabelsNeverQuoteMoreThanTheIdentifier() {
    assertEquals("$argon2id", PasswordHasher.schemeOf("$argon2id$v=19$..."));
    assertEquals("$2b", PasswordHasher.schemeOf("$2b$10$abc"));
    assertEquals("<null>", PasswordHasher.schemeOf(null));
    assertEquals("<empty>", PasswordHasher.schemeOf(""));
    assertEquals("<no $scheme prefix>", PasswordHasher.schemeOf("hunter2"));
    assertEquals("<unrecognised scheme>", PasswordHasher.schemeOf("$hunter2"));
    assertEquals("<unrecognised scheme>", PasswordHasher.schemeOf("$Hunter2$x"));
    assertEquals("<unrecognised scheme>", PasswordHasher.schemeOf("$" + "a".repeat(21) + "$x"));
  }
}
