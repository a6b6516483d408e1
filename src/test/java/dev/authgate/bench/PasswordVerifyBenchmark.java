package dev.authgate.bench;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import dev.authgate.password.Argon2Parameters;
import dev.authgate.password.PasswordHasher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one successful password verification at the default Argon2id parameters (m=7168 KiB, t=5, p=1),
 * per engine: libsodium through lazysodium-java and BouncyCastle (the two engines of
 * {@link PasswordHasher}), and argon2-jvm (the reference C implementation bundled in its jar, for comparison
 * only). All three verify the same PHC string. The same work runs on 1 and 2 threads, measured as throughput
 * ({@code throughput*}: verifications per second, all threads together) and as average time
 * ({@code latency*}: milliseconds per verification, per thread).
 *
 * <p>Not a test (no {@code *Test} name, no {@code @Test}): {@code mvn verify} compiles it but never runs it.
 * Run it from the project root, as recorded in {@code docs/benchmarks.md}:
 * <pre>
 * mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp
 * java -cp target/test-classes:target/classes:$(cat target/bench.cp) org.openjdk.jmh.Main PasswordVerifyBenchmark
 * </pre>
 * The defaults below (1 fork, 2 warm-up and 3 measurement iterations of 2 s) take about 2.5 minutes (12 runs of 10 s plus set-up); JMH
 * options on the command line override them. {@link #main} does the same as {@code org.openjdk.jmh.Main}.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class PasswordVerifyBenchmark {

  static final String PASSWORD = "correct horse battery staple";
  static final byte[] SALT = "authgate-bench-1".getBytes(StandardCharsets.US_ASCII);

  @Param({"libsodium", "bouncycastle", "argon2-jvm"})
  public String engine;

  private String phc;
  private PasswordHasher hasher;
  private Argon2 argon2;

  @Setup(Level.Trial)
  public void setUp() {
    // The same PHC string for every engine: a fixed salt makes the hash identical across engines.
    phc = PasswordHasher.create(PasswordHasher.Engine.JAVA, Argon2Parameters.DEFAULT).hashWithSalt(PASSWORD, SALT);
    switch (engine) {
      case "libsodium" -> hasher = PasswordHasher.create(PasswordHasher.Engine.LIBSODIUM, Argon2Parameters.DEFAULT);
      case "bouncycastle" -> hasher = PasswordHasher.create(PasswordHasher.Engine.JAVA, Argon2Parameters.DEFAULT);
      case "argon2-jvm" -> argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
      default -> throw new IllegalArgumentException(engine);
    }
    if (!verifyOnce()) {
      throw new IllegalStateException(engine + " does not verify " + phc);
    }
    System.err.println("engine " + engine + (hasher != null ? " (" + hasher.engineName() + ")" : "")
        + ", native libraries: " + nativeLibraries() + ", phc " + phc);
  }

  boolean verifyOnce() {
    if (argon2 != null) {
      return argon2.verify(phc, PASSWORD.toCharArray(), StandardCharsets.UTF_8);
    }
    return hasher.verify(phc, PASSWORD);
  }

  @Benchmark
  @Threads(1)
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public boolean throughput1Thread() {
    return verifyOnce();
  }

  @Benchmark
  @Threads(2)
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public boolean throughput2Threads() {
    return verifyOnce();
  }

  @Benchmark
  @Threads(1)
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public boolean latency1Thread() {
    return verifyOnce();
  }

  @Benchmark
  @Threads(2)
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public boolean latency2Threads() {
    return verifyOnce();
  }

  /** Which libsodium / libargon2 files this JVM mapped (Linux only), to record system vs bundled copies. */
  private static String nativeLibraries() {
    try {
      return Files.readAllLines(Path.of("/proc/self/maps")).stream()
          .filter(line -> line.contains("sodium") || line.contains("argon2"))
          .map(line -> line.substring(line.lastIndexOf(' ') + 1))
          .distinct()
          .collect(Collectors.joining(" ", "[", "]"));
    } catch (IOException | RuntimeException e) {
      return "[unknown]";
    }
  }

  /** Same as {@code org.openjdk.jmh.Main}; with no arguments, runs this benchmark with its defaults. */
  public static void main(String[] args) throws Exception {
    org.openjdk.jmh.Main.main(args.length > 0 ? args : new String[] {PasswordVerifyBenchmark.class.getName()});
  }
}
