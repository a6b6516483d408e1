package dev.authgate.bench;

import com.goterl.lazysodium.SodiumJava;
import com.goterl.lazysodium.utils.LibraryLoader;
import dev.authgate.config.GatewayConfig;
import dev.authgate.password.Argon2Parameters;
import dev.authgate.password.PasswordHasher;
import dev.authgate.token.AccessTokenIssuer;
import dev.authgate.token.SigningKey;
import dev.authgate.token.SigningKeyLoader;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * In-process ceilings for {@code loadtest/bench.sh}: how many password verifications and access-token
 * signatures per second this machine does with no HTTP, Redis or event loop in the way. The gateway's
 * login and refresh throughput are reported as ratios to these figures.
 *
 * <p>It reads the gateway's own configuration (the bundled defaults plus {@code AUTHGATE_*} variables), so the
 * Argon2id parameters, the engine setting, the signing algorithm and the thread count (password workers,
 * one per core by default) are those of a gateway started in the same environment. Password ceilings:
 * <ul>
 *   <li>{@code hash.auto}: {@link PasswordHasher#verify} with the configured engine, as the gateway calls it;</li>
 *   <li>{@code hash.libsodium_direct}: libsodium's {@code crypto_pwhash_str_verify} called through
 *       lazysodium with no authgate code around it, loaded as the engine loads it (system copy first);</li>
 *   <li>{@code hash.bouncycastle}: the pure-Java engine, for comparison.</li>
 * </ul>
 * The signing ceiling runs one {@link AccessTokenIssuer} per thread, as each HTTP verticle has its own.
 *
 * <p>Output is one {@code key=value} line per figure on stdout, for the script to read. Not a test:
 * {@code mvn verify} compiles it but never runs it. Run it with the test classpath:
 * <pre>
 * java -cp TEST_CLASSPATH dev.authgate.bench.Ceilings [WARM_UP_SECONDS MEASURE_SECONDS]
 * </pre>
 */
public final class Ceilings {

  private static final String PASSWORD = "correct horse battery staple";
  private static final List<String> ROLES = List.of("customer");
  private static final List<String> PERMISSIONS = List.of("accounts:read", "payments:create", "profile:read");

  private Ceilings() {}

  public static void main(String[] args) throws Exception {
    double warmUpSeconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
    double measureSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 6;
    ThroughputRun run = new ThroughputRun(warmUpSeconds, measureSeconds);

    GatewayConfig config = GatewayConfig.load(null, System.getenv());
    GatewayConfig.Password password = config.password();
    Argon2Parameters parameters = new Argon2Parameters(
        password.argon2MemoryKib(), password.argon2Iterations(), password.argon2Parallelism());
    int threads = config.passwordWorkers();
    print("threads", threads);
    print("argon2", parameters);

    PasswordHasher configured = PasswordHasher.create(password.engine(), parameters);
    PasswordHasher java = PasswordHasher.create(PasswordHasher.Engine.JAVA, parameters);
    String phc = configured.hash(PASSWORD);
    print("hash.auto.engine", configured.engineName());
    print("hash.auto.per_second", run.perSecond(threads, () -> () -> configured.verify(phc, PASSWORD)));
    print("hash.single_thread_ms", 1000 / run.perSecond(1, () -> () -> configured.verify(phc, PASSWORD)));

    SodiumJava sodium = loadSodium();
    byte[] phcBytes = nulTerminated(phc);
    byte[] passwordBytes = PASSWORD.getBytes(StandardCharsets.UTF_8);
    print("hash.libsodium_direct.library", mappedSodiumFiles());
    print("hash.libsodium_direct.per_second", run.perSecond(threads, () -> () ->
        sodium.crypto_pwhash_str_verify(phcBytes, passwordBytes, passwordBytes.length) == 0));

    print("hash.bouncycastle.per_second", run.perSecond(threads, () -> () -> java.verify(phc, PASSWORD)));

    printSigningCeiling(config, threads, run);
  }

  private static void printSigningCeiling(GatewayConfig config, int threads, ThroughputRun run) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      SigningKey key = SigningKeyLoader.generate("bench", config.tokens().algorithm());
      print("sign.algorithm", key.algorithm());
      print("sign.per_second", run.perSecond(threads, () -> {
        AccessTokenIssuer issuer = new AccessTokenIssuer(vertx, key, config.tokens(), Clock.systemUTC());
        return () -> !issuer.issue("u-bench", "bench-session", ROLES, PERMISSIONS).value().isEmpty();
      }));
    } finally {
      vertx.close();
    }
  }

  /** Loads libsodium in the engine's order: the operating system's copy, else the one bundled in lazysodium. */
  private static SodiumJava loadSodium() {
    try {
      return new SodiumJava(LibraryLoader.Mode.SYSTEM_ONLY);
    } catch (RuntimeException | LinkageError systemMissing) {
      return new SodiumJava(LibraryLoader.Mode.BUNDLED_ONLY);
    }
  }

  private static byte[] nulTerminated(String text) {
    byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
    return Arrays.copyOf(ascii, ascii.length + 1);
  }

  /** Returns the libsodium files this JVM has mapped (Linux), to record a system or bundled copy. */
  private static String mappedSodiumFiles() {
    try {
      return Files.readAllLines(Path.of("/proc/self/maps")).stream()
          .filter(line -> line.contains("sodium"))
          .map(line -> line.substring(line.lastIndexOf(' ') + 1))
          .distinct()
          .collect(Collectors.joining(" "));
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static void print(String key, Object value) {
    String text = value instanceof Double number ? String.format(Locale.ROOT, "%.2f", number) : String.valueOf(value);
    System.out.println(key + "=" + text);
    System.out.flush();
  }
}
