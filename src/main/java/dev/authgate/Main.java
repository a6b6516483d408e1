package dev.authgate;

import dev.authgate.app.DevelopmentMode;
import dev.authgate.app.Gateway;
import dev.authgate.config.ConfigException;
import dev.authgate.config.GatewayConfig;
import dev.authgate.config.Mode;
import dev.authgate.logging.LogFormat;
import dev.authgate.metrics.GatewayMetrics;
import dev.authgate.token.KeyGenerateCommand;
import dev.authgate.token.SigningKey;
import dev.authgate.token.SigningKeyLoader;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Command-line entry point: {@code java -jar authgate.jar [--config FILE]}. Without a configuration file or
 * {@code AUTHGATE_CONFIG} the gateway starts in development mode; see {@code conf/authgate.yaml}.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    try {
      if (args.length >= 2 && args[0].equals("keys") && args[1].equals("generate")) {
        KeyGenerateCommand.run(args, System.out);
        return;
      }
      run(args, System.getenv());
    } catch (ConfigException e) {
      LOG.error("authgate did not start: {}", e.getMessage());
      System.exit(2);
    } catch (RuntimeException e) {
      LOG.error("authgate did not start", e);
      System.exit(1);
    }
  }

  private static void run(String[] args, Map<String, String> env) {
    Path configFile = configFile(args, env);
    GatewayConfig config = GatewayConfig.load(configFile, env);
    LogFormat.apply(config.reader().text("logging.format"));
    DevelopmentMode dev = config.mode() == Mode.DEVELOPMENT ? DevelopmentMode.prepare(config) : null;
    // One hook, registered before anything can fail, stops the gateway (once started) and then the embedded
    // Redis, in that order.
    AtomicReference<Gateway> running = new AtomicReference<>();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(running.get(), dev), "authgate-shutdown"));
    if (dev != null) {
      config = dev.config();
    }
    List<SigningKey> keys = dev != null ? dev.keys() : SigningKeyLoader.load(config.tokens());

    GatewayMetrics metrics = new GatewayMetrics();
    Vertx vertx = metrics.newVertx(new VertxOptions()
        .setEventLoopPoolSize(config.httpInstances())
        .setMaxEventLoopExecuteTime(200)
        .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
    GatewayConfig started = config;
    try {
      Gateway gateway = (dev != null ? dev.seed(vertx) : io.vertx.core.Future.<Void>succeededFuture())
          .compose(seeded -> Gateway.start(vertx, started, keys, metrics, Clock.systemUTC()))
          .await(60, TimeUnit.SECONDS);
      running.set(gateway);
      if (dev != null) {
        dev.printWelcome(started);
      }
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("Start-up failed: " + e.getMessage(), e);
    }
  }

  private static void shutdown(Gateway gateway, DevelopmentMode dev) {
    if (gateway != null) {
      LOG.info("authgate stopping");
      try {
        gateway.stop().await(10, TimeUnit.SECONDS);
        // Awaited on its own: a callback chained after close() would be dispatched to a terminated event loop.
        gateway.vertx().close().await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("Shutdown did not finish cleanly: {}", e.toString());
      }
    }
    if (dev != null) {
      dev.close();
    }
  }

  private static Path configFile(String[] args, Map<String, String> env) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        return Path.of(args[i + 1]);
      }
      if (args[i].startsWith("--config=")) {
        return Path.of(args[i].substring("--config=".length()));
      }
      if (args[i].equals("--help") || args[i].equals("-h")) {
        System.out.println("Usage: java -jar authgate.jar [--config FILE]\n"
            + "       java -jar authgate.jar keys generate --kid KID --dir DIR [--algorithm RS256|ES256|EdDSA]\n"
            + "Without a configuration file (or AUTHGATE_CONFIG) the gateway starts in development mode.\n"
            + "Every setting is documented in conf/authgate.yaml.");
        System.exit(0);
      }
      throw new ConfigException("Unknown argument '" + args[i] + "'; usage: java -jar authgate.jar [--config FILE]");
    }
    String fromEnv = env.get("AUTHGATE_CONFIG");
    return fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
  }
}
