package dev.authgate.app;

import dev.authgate.config.GatewayConfig;
import dev.authgate.devmode.DemoDataSeeder;
import dev.authgate.devmode.RedisServerProcess;
import dev.authgate.redis.RedisStore;
import dev.authgate.token.SigningKey;
import dev.authgate.token.SigningKeyLoader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The self-contained demo set-up: an embedded Redis (unless redis.url is set), an in-memory signing key
 * (unless keys are configured), demo users, and a loopback-only listener, so that an accidental development
 * instance is never reachable from the network.
 */
public final class DevelopmentMode implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DevelopmentMode.class);

  private final GatewayConfig config;
  private final List<SigningKey> keys;
  private final RedisServerProcess redisProcess;

  private DevelopmentMode(GatewayConfig config, List<SigningKey> keys, RedisServerProcess redisProcess) {
    this.config = config;
    this.keys = keys;
    this.redisProcess = redisProcess;
  }

  /** Starts what development mode needs. Blocks: call it before Vert.x starts. */
  public static DevelopmentMode prepare(GatewayConfig configured) {
    LOG.warn("DEVELOPMENT MODE: demo users, an in-memory signing key and a loopback-only listener. Never use it in production.");
    GatewayConfig config = configured.withHttpHost("127.0.0.1");
    RedisServerProcess process = null;
    if (config.redis().urls().isEmpty()) {
      try {
        process = RedisServerProcess.start();
        // Main's shutdown hook stops the gateway first and then this Redis, in that order.
        process.handOverShutdown();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start the embedded Redis for development mode", e);
      }
      config = config.withRedisUrl(process.uri());
    }
    List<SigningKey> keys = config.tokens().signingKeys().isEmpty()
        ? List.of(SigningKeyLoader.generate("dev-" + Long.toHexString(System.currentTimeMillis()), config.tokens().algorithm()))
        : SigningKeyLoader.load(config.tokens());
    return new DevelopmentMode(config, keys, process);
  }

  public GatewayConfig config() {
    return config;
  }

  public List<SigningKey> keys() {
    return keys;
  }

  /** Writes the demo users to Redis through a short-lived client. */
  public Future<Void> seed(Vertx vertx) {
    RedisStore redis = RedisStore.create(vertx, config.redis(), null);
    return DemoDataSeeder.seed(vertx, redis, config.dev().seedFile())
        .eventually(redis::close)
        .mapEmpty();
  }

  public void printWelcome(GatewayConfig started) {
    String base = "http://127.0.0.1:" + started.http().port();
    LOG.info("""
        authgate is running in DEVELOPMENT MODE at {}
          Log in as a demo user:
            curl -s -X POST {}/auth/login -H 'Content-Type: application/json' \\
                 -d '{"username":"alice","password":"wonderland-42"}'
          Other demo users: bob / builder-42, carol / carol-demo-42. Stop with Ctrl+C.""", base, base);
  }

  @Override
  public void close() {
    if (redisProcess != null) {
      redisProcess.stop();
    }
  }
}
