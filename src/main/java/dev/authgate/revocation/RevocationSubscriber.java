package dev.authgate.revocation;

import dev.authgate.config.GatewayConfig;
import dev.authgate.redis.ThrottledWarning;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.VertxException;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one subscription of a gateway process to {@value RevocationBroadcast#CHANNEL}, on a Redis connection of
 * its own. Each message adds a session id to the revoked set. Deploy exactly one instance per process.
 *
 * <p>When the connection closes, fails or misses a heartbeat, the subscription counts as lost at once, so
 * token checks ask Redis on every request. The subscriber logs a throttled WARN and reconnects after a delay
 * that doubles from {@value #FIRST_RETRY_DELAY_MS} ms up to {@value #MAX_RETRY_DELAY_MS} ms, with jitter. With
 * {@code redis.type: cluster} it connects to one configured node at a time and moves to the next on each
 * attempt, because Redis Cluster forwards every PUBLISH to all nodes.
 *
 * <p>Its state is confined to this verticle's event loop. Only {@link RevocationBroadcast} is shared.
 */
public final class RevocationSubscriber extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(RevocationSubscriber.class);

  static final long FIRST_RETRY_DELAY_MS = 100;
  static final long MAX_RETRY_DELAY_MS = 2_000;
  /** Enough doublings to reach the maximum delay from the first one. */
  static final int MAX_DOUBLINGS = 5;
  /** How often an open subscription sends PING, so that a connection that died silently is noticed. */
  static final long HEARTBEAT_INTERVAL_MS = 5_000;
  /** Maximum length of a payload taken as a session id. authgate's ids have 22 characters. */
  static final int MAX_SESSION_ID_LENGTH = 128;
  private static final long NO_TIMER = -1;

  private final GatewayConfig.Redis settings;
  private final RevocationBroadcast broadcast;
  private final ThrottledWarning warnings = new ThrottledWarning(5_000);
  private final Promise<Void> firstAttempt = Promise.promise();
  /** The attempt in progress or the open subscription, or null while waiting to retry and after stop. */
  private Attempt current;
  private int attempts;
  private int failuresInARow;
  private long disconnectedAtNanos;
  private boolean disconnected;
  private long retryTimer = NO_TIMER;

  RevocationSubscriber(GatewayConfig.Redis settings, RevocationBroadcast broadcast) {
    this.settings = settings;
    this.broadcast = broadcast;
  }

  /**
   * Completes after the first attempt, subscribed or not, and never fails: without a subscription the
   * gateway still works, because token checks then ask Redis on every request.
   */
  @Override
  public Future<?> start() {
    connect();
    return firstAttempt.future();
  }

  @Override
  public Future<?> stop() {
    if (retryTimer != NO_TIMER) {
      vertx.cancelTimer(retryTimer);
    }
    broadcast.subscriptionLost();
    firstAttempt.tryComplete();
    Attempt attempt = current;
    current = null;
    return attempt == null ? Future.succeededFuture() : attempt.close();
  }

  private void connect() {
    Attempt attempt = new Attempt(Redis.createClient(vertx, options(attempts++)));
    current = attempt;
    attempt.client.connect()
        .timeout(settings.timeoutMs(), TimeUnit.MILLISECONDS)
        .onSuccess(connection -> subscribe(attempt, connection))
        .onFailure(cause -> handleConnectionLoss(attempt, cause));
  }

  /** Sends SUBSCRIBE. Redis confirms with a pushed reply, which {@link #markSubscribed} handles. */
  private void subscribe(Attempt attempt, RedisConnection connection) {
    if (attempt != current) {
      connection.close();
      return;
    }
    attempt.connection = connection;
    connection
        .handler(reply -> handlePush(attempt, reply))
        .endHandler(ended -> handleConnectionLoss(attempt, new VertxException("Redis closed the connection", true)))
        .exceptionHandler(cause -> handleConnectionLoss(attempt, cause));
    attempt.confirmationTimer = vertx.setTimer(settings.timeoutMs(), id -> handleConnectionLoss(attempt,
        new TimeoutException("Redis did not confirm SUBSCRIBE within " + settings.timeoutMs() + " ms")));
    connection.send(Request.cmd(Command.SUBSCRIBE).arg(RevocationBroadcast.CHANNEL))
        .onFailure(cause -> handleConnectionLoss(attempt, cause));
  }

  /** Handles a pushed reply: a message, the SUBSCRIBE confirmation, or a RESP2 PONG. */
  private void handlePush(Attempt attempt, Response reply) {
    if (attempt != current || !isArray(reply) || reply.size() < 3 || reply.get(0) == null) {
      return;
    }
    String kind = reply.get(0).toString();
    if (kind.equals("message")) {
      handleMessage(reply.get(1), reply.get(2));
    } else if (kind.equals("subscribe")) {
      markSubscribed(attempt);
    }
  }

  private void handleMessage(Response channel, Response payload) {
    String sessionId = payload == null ? "" : payload.toString();
    if (channel == null || !RevocationBroadcast.CHANNEL.equals(channel.toString())
        || sessionId.isEmpty() || sessionId.length() > MAX_SESSION_ID_LENGTH) {
      LOG.debug("Ignored a message on {} that holds no session id", RevocationBroadcast.CHANNEL);
      return;
    }
    broadcast.markRevoked(sessionId);
  }

  private void markSubscribed(Attempt attempt) {
    if (attempt.heartbeatTimer != NO_TIMER) {
      return;
    }
    vertx.cancelTimer(attempt.confirmationTimer);
    attempt.heartbeatTimer = vertx.setPeriodic(HEARTBEAT_INTERVAL_MS, id -> sendHeartbeat(attempt));
    broadcast.subscriptionOpened();
    failuresInARow = 0;
    if (disconnected) {
      disconnected = false;
      LOG.info("Subscribed to {} again after {} ms; session lookups made before the gap are not reused",
          RevocationBroadcast.CHANNEL, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - disconnectedAtNanos));
    }
    firstAttempt.tryComplete();
  }

  /**
   * Sends PING and treats a missing reply as a lost connection. Over RESP2, a message that arrives before the
   * PONG is returned as this PING's reply, so such a reply is handled as a pushed one.
   */
  private void sendHeartbeat(Attempt attempt) {
    attempt.connection.send(Request.cmd(Command.PING))
        .timeout(settings.timeoutMs(), TimeUnit.MILLISECONDS)
        .onSuccess(reply -> handlePush(attempt, reply))
        .onFailure(cause -> handleConnectionLoss(attempt, cause));
  }

  private void handleConnectionLoss(Attempt attempt, Throwable cause) {
    if (attempt != current) {
      return;
    }
    current = null;
    broadcast.subscriptionLost();
    attempt.close();
    if (!disconnected) {
      disconnected = true;
      disconnectedAtNanos = System.nanoTime();
    }
    warnings.warn(LOG, "Not subscribed to " + RevocationBroadcast.CHANNEL + "; /auth/verify and /oauth/introspect"
        + " look every session up in Redis until the subscriber reconnects", cause);
    firstAttempt.tryComplete();
    long delayMs = retryDelayMs(failuresInARow);
    failuresInARow = Math.min(failuresInARow + 1, MAX_DOUBLINGS);
    retryTimer = vertx.setTimer(delayMs, id -> {
      retryTimer = NO_TIMER;
      connect();
    });
  }

  /**
   * Returns a random delay between half and all of a ceiling that doubles per failure up to the maximum. The
   * randomness keeps instances from reconnecting in step after an outage.
   */
  static long retryDelayMs(int failures) {
    long ceiling = Math.min(MAX_RETRY_DELAY_MS, FIRST_RETRY_DELAY_MS << Math.min(failures, MAX_DOUBLINGS));
    return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
  }

  /** Returns client options for one pooled connection. In Cluster mode it goes to one node, taken in turn. */
  private RedisOptions options(int attempt) {
    List<String> urls = settings.urls();
    RedisOptions options = new RedisOptions().setMaxPoolSize(1).setMaxPoolWaiting(1);
    return switch (settings.type()) {
      case "cluster" -> options.setType(RedisClientType.STANDALONE).setEndpoints(List.of(urls.get(Math.floorMod(attempt, urls.size()))));
      case "sentinel" -> options.setType(RedisClientType.SENTINEL).setEndpoints(urls).setMasterName(settings.masterName());
      default -> options.setType(RedisClientType.STANDALONE).setEndpoints(urls);
    };
  }

  private static boolean isArray(Response reply) {
    return reply != null && (reply.type() == ResponseType.PUSH || reply.type() == ResponseType.MULTI);
  }

  /** One connection attempt and, once Redis confirms, the subscription on it. */
  private final class Attempt {

    final Redis client;
    RedisConnection connection;
    long confirmationTimer = NO_TIMER;
    long heartbeatTimer = NO_TIMER;

    Attempt(Redis client) {
      this.client = client;
    }

    Future<Void> close() {
      for (long timer : new long[] {confirmationTimer, heartbeatTimer}) {
        if (timer != NO_TIMER) {
          vertx.cancelTimer(timer);
        }
      }
      if (connection != null) {
        connection.close();
      }
      return client.close();
    }
  }
}
