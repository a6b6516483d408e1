package dev.authgate.password;

import com.goterl.lazysodium.SodiumJava;
import com.goterl.lazysodium.interfaces.PwHash;
import com.goterl.lazysodium.utils.LibraryLoader;
import com.sun.jna.NativeLong;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Native Argon2 through libsodium (lazysodium-java / JNA): {@code crypto_pwhash_str} to hash,
 * {@code crypto_pwhash_str_verify} to verify (argon2i and argon2id, any lane count), and
 * {@code crypto_pwhash} with an explicit salt for deterministic fixtures.
 *
 * <p>The operating system's libsodium is used when JNA finds one (on Debian: package {@code libsodium23});
 * otherwise the copy bundled in the lazysodium jar is extracted to a temporary directory and loaded. The
 * library is loaded once per JVM and checked against a known answer before use.
 *
 * <p>libsodium only creates single-lane (p=1) hashes: {@link #canHash} is false for any other parallelism.
 * We do not use {@code crypto_pwhash_str_needs_rehash}: it reports an {@code $argon2i$} hash with matching
 * costs as current, whereas we want every non-argon2id hash upgraded; {@link PasswordHasher#needsRehash}
 * decides in Java for both engines.
 */
final class LibsodiumArgon2Engine implements Argon2Engine {

  /** Outcome of the one load attempt per JVM: an engine, or the reason there is none. */
  private static Object loaded;

  private final SodiumJava sodium;
  private final String name;

  private LibsodiumArgon2Engine(SodiumJava sodium, String source) {
    this.sodium = sodium;
    this.name = "libsodium-" + source;
  }

  /**
   * The engine, loading libsodium on first use (system copy first, then the bundled one).
   *
   * @throws IllegalStateException if neither copy loads or passes the known-answer check
   */
  static synchronized LibsodiumArgon2Engine get() {
    if (loaded == null) {
      loaded = load();
    }
    if (loaded instanceof LibsodiumArgon2Engine engine) {
      return engine;
    }
    throw new IllegalStateException((String) loaded);
  }

  private static Object load() {
    String systemFailure;
    try {
      return checked(new SodiumJava(LibraryLoader.Mode.SYSTEM_ONLY), "system");
    } catch (Exception | LinkageError e) {
      systemFailure = describe(e);
    }
    try {
      return checked(new SodiumJava(LibraryLoader.Mode.BUNDLED_ONLY), "bundled");
    } catch (Exception | LinkageError e) {
      return "libsodium unavailable (system: " + systemFailure + "; bundled: " + describe(e) + ")";
    }
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    if (message != null && message.length() > 200) {
      message = message.substring(0, 200) + "...";
    }
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  // argon2id, m=8 KiB, t=1, p=1, salt "authgate-kat-slt", password "authgate" (computed with BouncyCastle).
  private static final String KAT_PHC =
      "$argon2id$v=19$m=8,t=1,p=1$YXV0aGdhdGUta2F0LXNsdA$VdQnWLAbHgu78J6qPjOOGk9hoFA/tr1dvJv/KkLsaoU";

  private static LibsodiumArgon2Engine checked(SodiumJava sodium, String source) {
    if (sodium.sodium_init() < 0) {
      throw new IllegalStateException("sodium_init failed");
    }
    LibsodiumArgon2Engine engine = new LibsodiumArgon2Engine(sodium, source);
    byte[] password = "authgate".getBytes(StandardCharsets.US_ASCII);
    String phc = engine.hash(password, "authgate-kat-slt".getBytes(StandardCharsets.US_ASCII),
        new Argon2Parameters(8, 1, 1));
    if (!KAT_PHC.equals(phc) || sodium.crypto_pwhash_str_verify(cString(phc), password, password.length) != 0) {
      throw new IllegalStateException("libsodium Argon2id known-answer check failed");
    }
    return engine;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean canHash(Argon2Parameters params) {
    return params.parallelism() == 1;
  }

  @Override
  public String hash(byte[] password, Argon2Parameters params) {
    requireSingleLane(params);
    byte[] out = new byte[PwHash.STR_BYTES];
    int rc = sodium.crypto_pwhash_str(out, password, password.length, params.iterations(), memlimit(params));
    if (rc != 0) {
      throw new IllegalStateException("crypto_pwhash_str failed (out of memory?)");
    }
    int len = 0;
    while (len < out.length && out[len] != 0) {
      len++;
    }
    return new String(out, 0, len, StandardCharsets.US_ASCII);
  }

  @Override
  public String hash(byte[] password, byte[] salt, Argon2Parameters params) {
    requireSingleLane(params);
    if (salt.length != PwHash.ARGON2ID_SALTBYTES) {
      throw new IllegalArgumentException("libsodium needs a " + PwHash.ARGON2ID_SALTBYTES + "-byte salt");
    }
    byte[] out = new byte[Argon2Phc.HASH_BYTES];
    int rc = sodium.crypto_pwhash(out, out.length, password, password.length, salt, params.iterations(),
        memlimit(params), PwHash.Alg.PWHASH_ALG_ARGON2ID13.getValue());
    if (rc != 0) {
      throw new IllegalStateException("crypto_pwhash failed (out of memory?)");
    }
    return Argon2Phc.encode(Argon2Phc.Type.ARGON2ID, params, salt, out);
  }

  @Override
  public boolean verify(Argon2Phc parsed, String phc, byte[] password) {
    return sodium.crypto_pwhash_str_verify(cString(phc), password, password.length) == 0;
  }

  private static void requireSingleLane(Argon2Parameters params) {
    if (params.parallelism() != 1) {
      throw new IllegalArgumentException("libsodium only creates p=1 Argon2 hashes: " + params);
    }
  }

  private static NativeLong memlimit(Argon2Parameters params) {
    return new NativeLong(params.memoryKib() * 1024L);
  }

  /** NUL-terminated ASCII bytes: JNA passes a byte[] as a bare pointer. */
  private static byte[] cString(String s) {
    byte[] bytes = Arrays.copyOf(s.getBytes(StandardCharsets.US_ASCII), s.length() + 1);
    bytes[s.length()] = 0;
    return bytes;
  }
}
