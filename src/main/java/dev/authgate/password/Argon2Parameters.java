package dev.authgate.password;

/**
 * Argon2id cost parameters for <em>new</em> hashes (stored hashes carry their own parameters).
 *
 * <p>The default, m=7168 KiB (7 MiB), t=5, p=1, is one of the equivalent settings recommended by the
 * OWASP Password Storage Cheat Sheet and is Keycloak 26's default. It costs about 9 ms per hash with
 * libsodium on one core of the reference machine (see {@code docs/benchmarks.md}).
 *
 * @param memoryKib   memory cost in KiB (Argon2 {@code m}); at least 8 × {@code parallelism} and at most
 *                    {@link #MAX_MEMORY_KIB}
 * @param iterations  time cost (Argon2 {@code t}), 1 to {@link #MAX_ITERATIONS}
 * @param parallelism lanes (Argon2 {@code p}), 1 to {@link #MAX_PARALLELISM}; libsodium only creates p=1
 *                    hashes, so any other value makes the factory use the pure-Java engine
 */
public record Argon2Parameters(int memoryKib, int iterations, int parallelism) {

  /** Default memory cost: 7168 KiB = 7 MiB. */
  public static final int DEFAULT_MEMORY_KIB = 7168;
  /** Default time cost. */
  public static final int DEFAULT_ITERATIONS = 5;
  /** Default parallelism. */
  public static final int DEFAULT_PARALLELISM = 1;
  /** m=7168 KiB, t=5, p=1. */
  public static final Argon2Parameters DEFAULT =
      new Argon2Parameters(DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS, DEFAULT_PARALLELISM);

  /**
   * Largest memory cost accepted, for new hashes and for stored hashes being verified (4 GiB; the same bound
   * as the {@code password.argon2-memory-kib} setting). A stored hash beyond any {@code MAX_*} limit is treated
   * as malformed, so a corrupt or hostile imported hash cannot make a worker allocate unbounded memory or spin
   * for hours.
   */
  public static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
  /** Largest time cost accepted (new and stored hashes); same bound as {@code password.argon2-iterations}. */
  public static final int MAX_ITERATIONS = 100;
  /** Largest parallelism accepted (new and stored hashes); same bound as {@code password.argon2-parallelism}. */
  public static final int MAX_PARALLELISM = 64;

  public Argon2Parameters {
    if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
      throw new IllegalArgumentException("parallelism must be 1.." + MAX_PARALLELISM + ": " + parallelism);
    }
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException("iterations must be 1.." + MAX_ITERATIONS + ": " + iterations);
    }
    if (memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB) {
      throw new IllegalArgumentException(
          "memoryKib must be 8*parallelism.." + MAX_MEMORY_KIB + ": " + memoryKib);
    }
  }

  @Override
  public String toString() {
    return "m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism;
  }
}
