package dev.authgate.bench;

import dev.authgate.config.GatewayConfig;
import dev.authgate.token.AccessToken;
import dev.authgate.token.AccessTokenIssuer;
import dev.authgate.token.AccessTokenVerifier;
import dev.authgate.token.SigningKey;
import dev.authgate.token.SigningKeyLoader;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of signing and of verifying one access token through the gateway's own issuer and verifier
 * (vertx-auth-jwt 5.0.7 underneath), per algorithm, on one thread. Gateways verify on every API call, so the
 * verify figure decides the default algorithm.
 *
 * <p>Not a test: {@code mvn verify} compiles it but never runs it. Run it from the project root:
 * <pre>
 * mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp
 * java -cp target/test-classes:target/classes:$(cat target/bench.cp) org.openjdk.jmh.Main TokenSignVerifyBenchmark
 * </pre>
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenSignVerifyBenchmark {

  @Param({"RS256", "ES256", "EdDSA"})
  public String algorithm;

  private Vertx vertx;
  private AccessTokenIssuer issuer;
  private AccessTokenVerifier verifier;
  private String token;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    vertx = Vertx.vertx();
    GatewayConfig.Tokens settings = new GatewayConfig.Tokens("https://auth.bench", List.of("bench"), algorithm,
        300, 3600, 10, 30, List.of());
    SigningKey key = SigningKeyLoader.generate("bench", algorithm);
    issuer = new AccessTokenIssuer(vertx, key, settings, Clock.systemUTC());
    verifier = new AccessTokenVerifier(vertx, List.of(key), settings, Clock.systemUTC());
    token = sign().value();
    verify();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    vertx.close();
  }

  @Benchmark
  public AccessToken sign() {
    return issuer.issue("u-000001", "bench-session", List.of("customer"), List.of("accounts:read", "payments:create"));
  }

  @Benchmark
  public Object verify() throws Exception {
    // The verifier completes without I/O, so the future is already done when it returns.
    return verifier.verify(token).toCompletionStage().toCompletableFuture().get();
  }
}
