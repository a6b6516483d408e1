package dev.authgate.password;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hashes new passwords with Argon2id and verifies stored PHC strings.
 *
 * <h2>Blocking</h2>
 * {@link #verify}, {@link #hash}, {@link #hashWithSalt} and the factories BLOCK: one Argon2id computation at
 * the default parameters takes about 9 ms (libsodium) or 19 to 24 ms (BouncyCastle) of CPU and 7 MiB of memory
 * (docs/benchmarks.md, "Password verification").
 * Never call them on a Vert.x event loop. Run them on a bounded {@code WorkerExecutor} sized to the cores
 * (the pool size also caps memory use at pool size × 7 MiB):
 * <pre>{@code
 * WorkerExecutor hashing = vertx.createSharedWorkerExecutor("password-hashing", cores);
 * Future<Boolean> ok = hashing.executeBlocking(() -> hasher.verify(phc, password), false);
 * }</pre>
 * {@link #needsRehash}, {@link #dummyHash} and {@link #utf8Length} are cheap and do not block. Instances are
 * immutable and thread-safe.
 *
 * <h2>Engines</h2>
 * Two Argon2 engines read and write the same PHC strings: libsodium through lazysodium-java (native; the
 * operating system's libsodium when present, else the copy bundled in the jar) and BouncyCastle's pure-Java
 * {@code Argon2BytesGenerator}. {@link #create(Engine, Argon2Parameters)} with {@link Engine#AUTO} uses
 * libsodium when it loads and passes a known-answer check, else BouncyCastle with one WARN log line; the
 * setting can force either ({@code "auto" | "libsodium" | "java"}). libsodium is 2 to 2.7 times as fast,
 * which is why it is the default.
 *
 * <h2>Accepted stored formats (for {@link #verify})</h2>
 * <ul>
 *   <li>Argon2: {@code $argon2id$v=19$m=<KiB>,t=<n>,p=<n>$<salt>$<hash>} and the same with {@code $argon2i$};
 *       salt (8–64 bytes) and hash (16–64 bytes) in canonical standard base64 without padding, exactly as
 *       libsodium and the reference implementation write them. Version 19 only; {@code $argon2d$},
 *       {@code v=16} and extra PHC parameters (keyid, data) are rejected. Costs must be within the
 *       {@code Argon2Parameters.MAX_*} limits.</li>
 *   <li>bcrypt: {@code $2a$}, {@code $2b$} and {@code $2y$} with cost 04–16 (all three verified the same way;
 *       as everywhere, only the first 72 bytes of the password count). bcrypt hashes are never created.</li>
 *   <li>PBKDF2-HMAC-SHA256 and -SHA512, in either of two forms:
 *     <ul>
 *       <li>{@code $pbkdf2-sha256$i=310000$<salt>$<hash>} (PHC style; {@code pbkdf2-sha512} likewise), salt and
 *           hash in standard base64, padding optional;</li>
 *       <li>passlib's {@code $pbkdf2-sha256$310000$<salt>$<hash>}, in passlib's adapted base64 ({@code .}
 *           instead of {@code +}, no padding).</li>
 *     </ul>
 *     Either alphabet is accepted in either form. The salt is the decoded bytes (up to 1024); the derived
 *     key length is the decoded hash length (16–128 bytes); iterations 1–10,000,000. PBKDF2-SHA1
 *     ({@code $pbkdf2$}), Django's {@code pbkdf2_sha256$...} and Werkzeug's {@code pbkdf2:sha256:...} are not
 *     accepted: convert them to the PHC-style form above when importing.</li>
 * </ul>
 * Anything else, and any string outside these limits, makes {@code verify} return {@code false} and log one
 * WARN naming only the scheme prefix (such as {@code $argon2id}), never the hash; it then runs one dummy
 * Argon2id verification so that the response time does not reveal a broken stored hash. {@code verify} never
 * throws.
 *
 * <h2>Password bytes</h2>
 * Passwords are hashed as the UTF-8 encoding of exactly the code points given (unpaired surrogates become
 * {@code ?}, as in {@link String#getBytes}); no Unicode normalisation is applied, because imported hashes were
 * made from unnormalised input. At most {@link #MAX_PASSWORD_BYTES} bytes: the HTTP layer rejects longer
 * passwords with 400 before calling this class (use {@link #utf8Length}); {@code verify} returns
 * {@code false} for them at once and {@code hash} throws.
 */
public final class PasswordHasher {

  /**
   * Longest accepted password, in UTF-8 bytes: 1024 bytes is 256 to 1024 characters, far beyond any
   * passphrase (NIST SP 800-63B asks for at least 64 characters) while bounding the work and the request size
   * per login. Argon2's cost hardly depends on length; bcrypt only reads 72 bytes.
   */
  public static final int MAX_PASSWORD_BYTES = 1024;

  /** Which Argon2 implementation to use; the configuration values are {@code auto}, {@code libsodium}, {@code java}. */
  public enum Engine {
    /** libsodium when it loads, else BouncyCastle (with a WARN). */
    AUTO,
    /** libsodium only; creating the hasher fails if it does not load. */
    LIBSODIUM,
    /** BouncyCastle only (pure Java). */
    JAVA;

    /** Parses {@code auto}, {@code libsodium} or {@code java} (case-insensitive); {@code null} or blank is AUTO. */
    public static Engine fromSetting(String setting) {
      if (setting == null || setting.isBlank()) {
        return AUTO;
      }
      return switch (setting.trim().toLowerCase(Locale.ROOT)) {
        case "auto" -> AUTO;
        case "libsodium" -> LIBSODIUM;
        case "java" -> JAVA;
        default -> throw new IllegalArgumentException(
            "password engine must be \"auto\", \"libsodium\" or \"java\": " + setting);
      };
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(PasswordHasher.class);

  private final Argon2Engine engine;
  private final Argon2Parameters parameters;
  private final String dummyHash;
  private final Argon2Phc dummyParsed;

  private PasswordHasher(Argon2Engine engine, Argon2Parameters parameters) {
    this.engine = engine;
    this.parameters = parameters;
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    // The password behind the dummy hash is random and discarded, so the dummy hash never verifies.
    byte[] dummyPassword = Base64.getEncoder().encode(secret);
    this.dummyHash = engine.hash(dummyPassword, parameters);
    Arrays.fill(secret, (byte) 0);
    Arrays.fill(dummyPassword, (byte) 0);
    try {
      this.dummyParsed = Argon2Phc.parse(dummyHash);
    } catch (MalformedHashException e) {
      throw new IllegalStateException("engine " + engine.name() + " wrote an unparsable hash", e);
    }
  }

  /** Argon2id at {@link Argon2Parameters#DEFAULT} with the {@link Engine#AUTO} engine. Blocks (loads libsodium). */
  public static PasswordHasher createDefault() {
    return create(Engine.AUTO, Argon2Parameters.DEFAULT);
  }

  /** Same as {@link #create(Engine, Argon2Parameters)} with {@link Engine#fromSetting(String)}. */
  public static PasswordHasher create(String engineSetting, Argon2Parameters parameters) {
    return create(Engine.fromSetting(engineSetting), parameters);
  }

  /**
   * A hasher creating Argon2id hashes at {@code parameters}. Blocks: loads libsodium on first use and computes
   * the dummy hash.
   *
   * @throws IllegalStateException    for {@link Engine#LIBSODIUM} when libsodium cannot be loaded
   * @throws IllegalArgumentException for {@link Engine#LIBSODIUM} with parallelism other than 1
   */
  public static PasswordHasher create(Engine engine, Argon2Parameters parameters) {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(parameters, "parameters");
    return new PasswordHasher(selectEngine(engine, parameters), parameters);
  }

  private static Argon2Engine selectEngine(Engine choice, Argon2Parameters parameters) {
    switch (choice) {
      case JAVA:
        return new BouncyCastleArgon2Engine();
      case LIBSODIUM: {
        LibsodiumArgon2Engine sodium = LibsodiumArgon2Engine.get();
        if (!sodium.canHash(parameters)) {
          throw new IllegalArgumentException("libsodium only creates p=1 hashes; configured " + parameters);
        }
        return sodium;
      }
      default: {
        LibsodiumArgon2Engine sodium;
        try {
          sodium = LibsodiumArgon2Engine.get();
        } catch (IllegalStateException e) {
          LOG.warn("Password hashing falls back to the pure-Java BouncyCastle Argon2 engine "
              + "(2 to 2.7 times slower): {}", e.getMessage());
          return new BouncyCastleArgon2Engine();
        }
        if (!sodium.canHash(parameters)) {
          LOG.warn("Password hashing falls back to the pure-Java BouncyCastle Argon2 engine (2 to 2.7 times slower): "
              + "libsodium only creates p=1 hashes and {} is configured", parameters);
          return new BouncyCastleArgon2Engine();
        }
        return sodium;
      }
    }
  }

  /** The Argon2 engine in use: {@code libsodium-system}, {@code libsodium-bundled} or {@code bouncycastle}. */
  public String engineName() {
    return engine.name();
  }

  /** The parameters new hashes are created with. */
  public Argon2Parameters parameters() {
    return parameters;
  }

  /**
   * Whether {@code password} matches the stored hash {@code phc}. BLOCKING (one Argon2/bcrypt/PBKDF2
   * computation). Returns {@code false}, never throws, for a wrong password, a {@code null} password, a password
   * longer than {@link #MAX_PASSWORD_BYTES}, and a null, unknown or malformed {@code phc} (the last three log a
   * WARN with the scheme prefix only).
   */
  public boolean verify(String phc, String password) {
    if (password == null) {
      return false;
    }
    byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
    try {
      return verifyBytes(phc, bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** As {@link #verify(String, String)}; the caller may wipe {@code password} afterwards. */
  public boolean verify(String phc, char[] password) {
    if (password == null) {
      return false;
    }
    byte[] bytes = utf8(password);
    try {
      return verifyBytes(phc, bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private boolean verifyBytes(String phc, byte[] password) {
    if (password.length > MAX_PASSWORD_BYTES) {
      LOG.debug("Password longer than {} bytes: verification fails", MAX_PASSWORD_BYTES);
      return false;
    }
    try {
      if (phc != null && (phc.startsWith("$argon2id$") || phc.startsWith("$argon2i$"))) {
        return engine.verify(Argon2Phc.parse(phc), phc, password);
      }
      if (phc != null && (phc.startsWith("$2a$") || phc.startsWith("$2b$") || phc.startsWith("$2y$"))) {
        return LegacyHashes.verifyBcrypt(phc, password);
      }
      if (phc != null && (phc.startsWith("$pbkdf2-sha256$") || phc.startsWith("$pbkdf2-sha512$"))) {
        return LegacyHashes.verifyPbkdf2(phc, password);
      }
      if (phc == null || phc.isEmpty()) {
        LOG.warn("Missing password hash ({}): verification fails", schemeOf(phc));
      } else {
        LOG.warn("Unsupported password hash scheme {}: verification fails", schemeOf(phc));
      }
    } catch (MalformedHashException e) {
      LOG.warn("Malformed {} password hash ({}): verification fails", schemeOf(phc), e.getMessage());
    } catch (RuntimeException e) {
      // Library failure (e.g. native allocation): report the type only, messages could quote input.
      LOG.warn("Verification of a {} password hash failed with {}: verification fails",
          schemeOf(phc), e.getClass().getName());
      return false;
    }
    burnDummyVerification(password);
    return false;
  }

  /** Spends the time of a real verification so an unusable stored hash is not visible in response times. */
  private void burnDummyVerification(byte[] password) {
    try {
      engine.verify(dummyParsed, dummyHash, password);
    } catch (RuntimeException e) {
      LOG.debug("Dummy verification failed", e);
    }
  }

  /**
   * New Argon2id PHC string for {@code password} at {@link #parameters()}, with a random 16-byte salt.
   * BLOCKING.
   *
   * @throws IllegalArgumentException if the password is longer than {@link #MAX_PASSWORD_BYTES}
   */
  public String hash(String password) {
    byte[] bytes = Objects.requireNonNull(password, "password").getBytes(StandardCharsets.UTF_8);
    try {
      return engine.hash(checkLength(bytes), parameters);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** As {@link #hash(String)}; the caller may wipe {@code password} afterwards. */
  public String hash(char[] password) {
    byte[] bytes = utf8(Objects.requireNonNull(password, "password"));
    try {
      return engine.hash(checkLength(bytes), parameters);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * Deterministic Argon2id PHC string with a caller-chosen 16-byte salt, identical for both engines. Only for
   * reproducible fixtures such as the development-mode demo data and test vectors; real users' hashes must come
   * from {@link #hash(String)}, whose salt is random. BLOCKING.
   */
  public String hashWithSalt(String password, byte[] salt) {
    Objects.requireNonNull(salt, "salt");
    if (salt.length != Argon2Phc.SALT_BYTES) {
      throw new IllegalArgumentException("salt must be " + Argon2Phc.SALT_BYTES + " bytes");
    }
    byte[] bytes = Objects.requireNonNull(password, "password").getBytes(StandardCharsets.UTF_8);
    try {
      return engine.hash(checkLength(bytes), salt.clone(), parameters);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * Whether a stored hash should be replaced by {@link #hash} after the next successful login: true unless it
   * is {@code $argon2id$v=19} at exactly {@link #parameters()} with a salt of at least 16 bytes and a 32-byte
   * hash. So argon2i, other Argon2id costs, bcrypt, PBKDF2, and malformed or null strings all need a rehash.
   * Does not block.
   */
  public boolean needsRehash(String phc) {
    if (phc == null || !phc.startsWith("$argon2id$")) {
      return true;
    }
    try {
      return !Argon2Phc.parse(phc).isCurrent(parameters);
    } catch (MalformedHashException e) {
      return true;
    }
  }

  /**
   * A valid Argon2id PHC string at {@link #parameters()} for a random, discarded password, fixed for the
   * lifetime of this hasher. Verify the submitted password against it when the user does not exist, so that an
   * unknown user costs the same time as a wrong password:
   * <pre>{@code
   * String phc = user != null ? user.passwordHash() : hasher.dummyHash();
   * boolean ok = hasher.verify(phc, password) && user != null;
   * }</pre>
   */
  public String dummyHash() {
    return dummyHash;
  }

  /**
   * Length of {@code password} in UTF-8 bytes as this class encodes it (for the {@link #MAX_PASSWORD_BYTES}
   * check at the HTTP layer), without copying it.
   */
  public static int utf8Length(CharSequence password) {
    int bytes = 0;
    for (int i = 0; i < password.length(); i++) {
      char c = password.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < password.length()
          && Character.isLowSurrogate(password.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        bytes += 1; // unpaired surrogate: encoded as '?'
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  private static byte[] checkLength(byte[] password) {
    if (password.length > MAX_PASSWORD_BYTES) {
      throw new IllegalArgumentException("password longer than " + MAX_PASSWORD_BYTES + " UTF-8 bytes");
    }
    return password;
  }

  /** UTF-8 bytes of {@code chars} without an intermediate String; the intermediate buffer is wiped. */
  private static byte[] utf8(char[] chars) {
    CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    ByteBuffer buffer;
    try {
      buffer = encoder.encode(CharBuffer.wrap(chars));
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("UTF-8 encoding with REPLACE cannot fail", e);
    }
    byte[] bytes = Arrays.copyOfRange(buffer.array(), buffer.arrayOffset(), buffer.arrayOffset() + buffer.limit());
    Arrays.fill(buffer.array(), (byte) 0);
    return bytes;
  }

  /**
   * The scheme prefix of a stored hash for logs, such as {@code $argon2id} or {@code $2b}: the identifier
   * between the first two {@code $} when it is 1–20 characters of {@code [a-z0-9-]}, else a placeholder. Never
   * any other part of the string.
   */
  static String schemeOf(String phc) {
    if (phc == null) {
      return "<null>";
    }
    if (phc.isEmpty()) {
      return "<empty>";
    }
    if (phc.charAt(0) != '$') {
      return "<no $scheme prefix>";
    }
    int end = phc.indexOf('$', 1);
    if (end < 0) {
      // "$something" with no second '$' is not a hash; it could be a plaintext password.
      return "<unrecognised scheme>";
    }
    String id = phc.substring(1, end);
    if (id.isEmpty() || id.length() > 20 || !id.chars().allMatch(ch ->
        (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-')) {
      return "<unrecognised scheme>";
    }
    return "$" + id;
  }
}
