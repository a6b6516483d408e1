package dev.authgate.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * authgate's meters in one Prometheus registry, which Vert.x also reports its HTTP server metrics to. Each
 * series is documented in {@code docs/metrics.md}. Meters are registered once and are thread-safe, so
 * updating them on an event loop costs an atomic add.
 */
public final class GatewayMetrics {

  /** Login outcomes, the values of the {@code outcome} label of {@code authgate_logins_total}. */
  public enum LoginOutcome {
    SUCCESS, BAD_CREDENTIALS, LOCKED, DISABLED, THROTTLED, REJECTED_LOAD, STORE_UNAVAILABLE, INVALID_REQUEST, ERROR
  }

  /** The grant that produced a token pair: the {@code grant} label of {@code authgate_tokens_issued_total}. */
  public enum Grant { LOGIN, REFRESH }

  /** Responses of {@code /auth/verify}, the {@code decision} label of {@code authgate_forward_auth_decisions_total}. */
  public enum ForwardAuthDecision {
    ALLOW, ALLOW_GRACE, UNAUTHENTICATED, FORBIDDEN, INVALID_REQUEST, UNAVAILABLE, ERROR
  }

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<LoginOutcome, Counter> logins = new EnumMap<>(LoginOutcome.class);
  private final Map<Grant, Counter> tokens = new EnumMap<>(Grant.class);
  private final Map<ForwardAuthDecision, Counter> forwardAuthDecisions = new EnumMap<>(ForwardAuthDecision.class);
  private final Counter refreshReuse;
  private final Counter auditWriteFailures;
  private final Counter revocationPublishFailures;
  private final Timer passwordWait;
  private final Timer passwordVerify;
  private final Map<String, Timer> redisLatency = new ConcurrentHashMap<>();
  private final Map<String, Counter> redisErrors = new ConcurrentHashMap<>();

  public GatewayMetrics() {
    for (LoginOutcome outcome : LoginOutcome.values()) {
      logins.put(outcome, Counter.builder("authgate_logins").description("Login attempts by outcome")
          .tag("outcome", label(outcome)).register(registry));
    }
    for (Grant grant : Grant.values()) {
      tokens.put(grant, Counter.builder("authgate_tokens_issued").description("Token pairs issued, by grant")
          .tag("grant", label(grant)).register(registry));
    }
    for (ForwardAuthDecision decision : ForwardAuthDecision.values()) {
      forwardAuthDecisions.put(decision, Counter.builder("authgate_forward_auth_decisions")
          .description("Responses of /auth/verify, by decision").tag("decision", label(decision)).register(registry));
    }
    refreshReuse = Counter.builder("authgate_refresh_reuse_detected")
        .description("Rotated refresh tokens presented again after the grace window; each revokes its session")
        .register(registry);
    auditWriteFailures = Counter.builder("authgate_audit_write_failures")
        .description("Audit events lost because Redis did not take the stream entry")
        .register(registry);
    revocationPublishFailures = Counter.builder("authgate_revocation_publish_failures")
        .description("Ended sessions whose revocation message Redis did not take; other instances miss it")
        .register(registry);
    passwordWait = Timer.builder("authgate_password_wait").description("Time a verification waited for a worker")
        .publishPercentileHistogram().register(registry);
    passwordVerify = Timer.builder("authgate_password_verify").description("Time one verification took on a worker")
        .publishPercentileHistogram().register(registry);
  }

  /** Builds a Vert.x instance that reports its HTTP server, pool and JVM metrics to this registry. */
  public Vertx newVertx(VertxOptions options) {
    options.setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        // Redis latency is measured per command by RedisStore; Vert.x's own per-connection gauges would
        // clash between the pools of the verticle instances.
        .addDisabledMetricsCategory(MetricsDomain.NET_CLIENT)
        .addDisabledMetricsCategory("redis")
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
    return Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry)).build();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public void login(LoginOutcome outcome) {
    logins.get(outcome).increment();
  }

  public void tokenIssued(Grant grant) {
    tokens.get(grant).increment();
  }

  public void refreshReuseDetected() {
    refreshReuse.increment();
  }

  public void forwardAuthDecision(ForwardAuthDecision decision) {
    forwardAuthDecisions.get(decision).increment();
  }

  public void auditWriteFailed() {
    auditWriteFailures.increment();
  }

  public void revocationPublishFailed() {
    revocationPublishFailures.increment();
  }

  /** Registers the gauge that is 1 while the revocation subscriber is subscribed, else 0. */
  public void revocationSubscription(Supplier<Number> subscribed) {
    Gauge.builder("authgate_revocation_subscribed", subscribed)
        .description("1 while this instance receives revocation messages from Redis, else 0").register(registry);
  }

  /** Registers the gauges of the password-verify pool. */
  public void passwordQueue(Supplier<Number> inFlight, int capacity) {
    Gauge.builder("authgate_password_queue_depth", inFlight)
        .description("Password verifications running or waiting").register(registry);
    Gauge.builder("authgate_password_queue_capacity", () -> capacity)
        .description("Verifications that may run or wait before logins get 503").register(registry);
  }

  public void passwordWait(long nanos) {
    passwordWait.record(nanos, TimeUnit.NANOSECONDS);
  }

  public void passwordVerify(long nanos) {
    passwordVerify.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Records one Redis command's latency, and counts it as an error when it failed or timed out. */
  public void redisCommand(String command, long nanos, boolean failed) {
    redisLatency.computeIfAbsent(command, name -> Timer.builder("authgate_redis_command")
            .description("Redis command latency as seen by the gateway").tag("command", name)
            .publishPercentileHistogram().register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
    if (failed) {
      redisErrors.computeIfAbsent(command, name -> Counter.builder("authgate_redis_errors")
              .description("Redis commands that failed or timed out").tag("command", name).register(registry))
          .increment();
    }
  }

  private static String label(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
