package dev.authgate.audit;

import dev.authgate.config.ConfigException;
import dev.authgate.config.ConfigReader;
import dev.authgate.http.ClientIp;
import dev.authgate.metrics.GatewayMetrics;
import dev.authgate.redis.RedisStore;
import dev.authgate.redis.ThrottledWarning;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Command;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends security events to a Redis Stream ({@code audit.stream-key}, {@code ag:audit} by default) with
 * {@code XADD <key> MAXLEN ~ <audit.max-length> * field value ...}. Entry fields, always in this order:
 * {@code event, outcome, subject, client_ip, user_agent, session_id, time}, then {@code reason} when set.
 * {@code time} is ISO-8601 UTC from the gateway's clock; the entry id carries Redis's own time.
 *
 * <p>Recording never fails the request: the event describes work that already happened. When Redis does not
 * take the entry, the event is lost, a rate-limited WARN is logged and {@code authgate_audit_write_failures}
 * is counted. Callers that wait for {@link #record} before responding guarantee only that the write was tried.
 */
public final class AuditLog {

  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

  private final RedisStore redis;
  private final String streamKey;
  private final long maxLength;
  private final Clock clock;
  private final GatewayMetrics metrics;
  private final ThrottledWarning warnings = new ThrottledWarning(5_000);

  public AuditLog(RedisStore redis, String streamKey, long maxLength, Clock clock, GatewayMetrics metrics) {
    this.redis = redis;
    this.streamKey = streamKey;
    this.maxLength = maxLength;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** Creates an audit log from the {@code audit.*} settings, failing with the key and the bad value. */
  public static AuditLog create(RedisStore redis, ConfigReader config, Clock clock, GatewayMetrics metrics) {
    String key = config.text("audit.stream-key");
    if (key.isEmpty()) {
      throw new ConfigException("Configuration key 'audit.stream-key' must name a Redis key, got an empty value");
    }
    return new AuditLog(redis, key, config.longBetween("audit.max-length", 1000, 1_000_000_000L), clock, metrics);
  }

  /** Appends the event; the future always succeeds, also when the write failed. */
  public Future<Void> record(AuditEvent event) {
    List<Object> args = new ArrayList<>(List.of(streamKey, "MAXLEN", "~", maxLength, "*"));
    addField(args, "event", event.type().label());
    addField(args, "outcome", event.outcome().label());
    addField(args, "subject", event.subject());
    addField(args, "client_ip", event.clientIp());
    addField(args, "user_agent", event.userAgent());
    addField(args, "session_id", event.sessionId());
    addField(args, "time", DateTimeFormatter.ISO_INSTANT.format(clock.instant()));
    if (event.reason() != null) {
      addField(args, "reason", event.reason());
    }
    return redis.send(Command.XADD, args.toArray()).<Void>mapEmpty().recover(failure -> {
      if (metrics != null) {
        metrics.auditWriteFailed();
      }
      warnings.warn(LOG, "Audit event " + event.type().label() + " was not written to stream " + streamKey
          + " and is lost; the request it describes went ahead", failure);
      return Future.succeededFuture();
    });
  }

  /** Appends the event with the client address and user agent of {@code ctx}'s request. */
  public Future<Void> record(RoutingContext ctx, AuditEvent event) {
    return record(event.withClient(ClientIp.of(ctx), ctx.request().getHeader("User-Agent")));
  }

  /**
   * Formats one entry without sending it, so the first real event does not load the java.time formatter and
   * the regular expressions on an event loop. Call it once on a worker thread before serving.
   */
  public static void warmUp() {
    AuditEvent event = AuditEvent.of(AuditEvent.Type.LOGIN, AuditEvent.Outcome.SUCCESS).withClient("192.0.2.1", "warm-up\n");
    DateTimeFormatter.ISO_INSTANT.format(Clock.systemUTC().instant());
    event.type().label();
  }

  public String streamKey() {
    return streamKey;
  }

  private static void addField(List<Object> args, String name, String value) {
    args.add(name);
    args.add(value == null ? "" : value);
  }
}
