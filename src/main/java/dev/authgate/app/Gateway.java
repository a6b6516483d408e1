package dev.authgate.app;

import dev.authgate.config.GatewayConfig;
import dev.authgate.login.VerifyPool;
import dev.authgate.metrics.GatewayMetrics;
import dev.authgate.password.Argon2Parameters;
import dev.authgate.password.PasswordHasher;
import dev.authgate.token.KeyRing;
import dev.authgate.token.SigningKey;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway: the shared services, the deployed HTTP verticles and the one revocation subscriber on one
 * Vert.x instance. Used by {@link dev.authgate.Main} and by tests, which start real gateways in-process.
 */
public final class Gateway {

  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final Vertx vertx;
  private final SharedServices shared;
  private final String deploymentId;
  private final String subscriberDeploymentId;

  private Gateway(Vertx vertx, SharedServices shared, String deploymentId, String subscriberDeploymentId) {
    this.vertx = vertx;
    this.shared = shared;
    this.deploymentId = deploymentId;
    this.subscriberDeploymentId = subscriberDeploymentId;
  }

  /**
   * Deploys one HTTP verticle per configured instance. {@code config} must already name Redis, and
   * {@code keys} must hold exactly one active key, which signs; all keys are published. The revocation
   * subscriber is deployed first, so that the first requests already receive revocations. Its start completes
   * after the first connection attempt, whether or not that attempt subscribed. The future fails when any HTTP instance fails to start, for example because the port is taken.
   */
  public static Future<Gateway> start(
      Vertx vertx, GatewayConfig config, List<SigningKey> keys, GatewayMetrics metrics, Clock clock) {
    KeyRing ring;
    try {
      ring = KeyRing.of(keys);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    GatewayConfig.Password password = config.password();
    Argon2Parameters parameters = new Argon2Parameters(
        password.argon2MemoryKib(), password.argon2Iterations(), password.argon2Parallelism());
    return vertx.executeBlocking(() -> {
          OpenApiHandler.preload();
          Warmup.run(vertx, ring, config.tokens(), clock);
          return PasswordHasher.create(password.engine(), parameters);
        })
        .compose(hasher -> {
          VerifyPool pool = new VerifyPool(
              vertx, config.passwordWorkers(), password.queueSize(), password.retryAfterSeconds(), metrics);
          SharedServices shared = new SharedServices(config, ring.active(), ring.published(), hasher, pool, metrics, clock);
          return vertx.deployVerticle(shared.forwardAuth().revocations().subscriber(config.redis()))
              .compose(subscriberId -> deployHttpVerticles(vertx, shared, subscriberId))
              .onSuccess(gateway -> LOG.info("authgate listening on {}:{} with {} HTTP instances, {} password workers ({}), signing with {} key {}",
                  config.http().host(), config.http().port(), config.httpInstances(), config.passwordWorkers(),
                  hasher.engineName(), ring.active().algorithm(), ring.active().kid()));
        });
  }

  /** Deploys the HTTP verticles. If they fail to start, the subscriber is undeployed before the failure returns. */
  private static Future<Gateway> deployHttpVerticles(Vertx vertx, SharedServices shared, String subscriberId) {
    DeploymentOptions options = new DeploymentOptions().setInstances(shared.config().httpInstances());
    return vertx.deployVerticle(() -> new HttpVerticle(shared), options)
        .map(id -> new Gateway(vertx, shared, id, subscriberId))
        .recover(failed -> vertx.undeploy(subscriberId).transform(undeployed -> Future.failedFuture(failed)));
  }

  public GatewayConfig config() {
    return shared.config();
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Returns the shared password-verify pool, so tests can fill it and watch admission control. */
  public VerifyPool verifyPool() {
    return shared.verifyPool();
  }

  public Future<Void> stop() {
    return vertx.undeploy(deploymentId)
        .eventually(() -> vertx.undeploy(subscriberDeploymentId))
        .eventually(() -> shared.verifyPool().close());
  }
}
