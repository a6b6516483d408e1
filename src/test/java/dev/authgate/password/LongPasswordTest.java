package dev.authgate.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authgate.testing.TestUsers;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A 100-byte password, longer than the 72 bytes that bcrypt reads, keeps every byte under Argon2id: changing
 * only the last byte, or cutting it at 72, must fail verification.
 */
class LongPasswordTest {

  private static final String PASSWORD = "correct-horse-battery-staple-".repeat(3) + "0123456789abc";

  static PasswordHasher hasher;
  static String hash;

  @BeforeAll
  static void hashOnce() {
    hasher = PasswordHasher.create("auto", TestUsers.FAST);
    hash = hasher.hash(PASSWORD);
  }

  @Test
  void passwordIsHundredBytes() {
    assertEquals(100, PASSWORD.getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void newHashIsArgon2id() {
    assertTrue(hash.startsWith("$argon2id$"), hash);
  }

  @Test
  void fullPasswordVerifies() {
    assertTrue(hasher.verify(hash, PASSWORD));
  }

  @Test
  void lastByteChangedFails() {
    assertFalse(hasher.verify(hash, PASSWORD.substring(0, 99) + "b"));
  }

  @Test
  void first72BytesFail() {
    assertFalse(hasher.verify(hash, PASSWORD.substring(0, 72)));
  }
}
