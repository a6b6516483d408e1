package dev.authgate.password;

/** One Argon2 implementation. All methods block for the duration of one Argon2 computation. */
interface Argon2Engine {

  /** Short name for logs and metrics, e.g. {@code libsodium-system} or {@code bouncycastle}. */
  String name();

  /** Whether {@link #hash} supports these parameters (libsodium only creates p=1 hashes). */
  boolean canHash(Argon2Parameters params);

  /** Argon2id PHC string of {@code password} with a fresh random 16-byte salt. */
  String hash(byte[] password, Argon2Parameters params);

  /** Argon2id PHC string of {@code password} with the given salt (deterministic). */
  String hash(byte[] password, byte[] salt, Argon2Parameters params);

  /**
   * Whether {@code password} matches. {@code parsed} is {@code phc} already validated by
   * {@link Argon2Phc#parse}; engines may use either.
   */
  boolean verify(Argon2Phc parsed, String phc, byte[] password);
}
