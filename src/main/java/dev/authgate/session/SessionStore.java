package dev.authgate.session;

import dev.authgate.redis.LuaScript;
import dev.authgate.redis.RedisKeys;
import dev.authgate.redis.RedisStore;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.util.List;

/**
 * Sessions in Redis. A session is one hash, {@code ag:{s:<sid>}}, holding the subject and the hash of the
 * current refresh token; it expires with the refresh token. Its existence is what keeps the session's access
 * tokens valid, so revocation is a DEL and the check per request is one EXISTS.
 */
public final class SessionStore {

  /** Outcome of presenting a refresh token. */
  public enum RotationStatus { ROTATED, UNKNOWN, MISMATCH }

  /** Result of a rotation: the status and, when rotated, the session's subject. */
  public record Rotation(RotationStatus status, String subject) {}

  private static final LuaScript CREATE = new LuaScript("""
      redis.call('HSET', KEYS[1], 'sub', ARGV[1], 'rt', ARGV[2], 'created', ARGV[3], 'refreshed', ARGV[3])
      redis.call('PEXPIRE', KEYS[1], ARGV[4])
      return 1
      """);

  // Swaps the refresh-token hash only when the presented one is current, so two racing refreshes with
  // the same token cannot both succeed.
  private static final LuaScript ROTATE = new LuaScript("""
      local current = redis.call('HGET', KEYS[1], 'rt')
      if not current then return {'unknown'} end
      if current ~= ARGV[1] then return {'mismatch'} end
      redis.call('HSET', KEYS[1], 'rt', ARGV[2], 'refreshed', ARGV[3])
      redis.call('PEXPIRE', KEYS[1], ARGV[4])
      return {'rotated', redis.call('HGET', KEYS[1], 'sub')}
      """);

  private final RedisStore redis;
  private final long refreshTtlMs;
  private final Clock clock;

  public SessionStore(RedisStore redis, long refreshTtlSeconds, Clock clock) {
    this.redis = redis;
    this.refreshTtlMs = refreshTtlSeconds * 1000;
    this.clock = clock;
  }

  /**
   * Stores a new session for {@code userId} and returns its first refresh token. The user's session index is
   * written first: an index entry without a session is harmless, a session missing from the index would
   * escape a log-out-everywhere.
   */
  public Future<RefreshToken> create(String userId) {
    String sessionId = RefreshToken.newSessionId();
    RefreshToken token = RefreshToken.issue(sessionId);
    String indexKey = RedisKeys.userSessions(userId);
    return redis.send(Command.SADD, indexKey, sessionId)
        .compose(added -> redis.send(Command.PEXPIRE, indexKey, refreshTtlMs))
        .compose(expiring -> CREATE.run(redis, List.of(RedisKeys.session(sessionId)),
            List.of(userId, token.secretHash(), now(), refreshTtlMs)))
        .map(created -> token);
  }

  /** Replaces the session's refresh token with {@code next} if {@code presented} is the current one. */
  public Future<Rotation> rotate(RefreshToken presented, RefreshToken next) {
    return ROTATE.run(redis, List.of(RedisKeys.session(presented.sessionId())),
            List.of(presented.secretHash(), next.secretHash(), now(), refreshTtlMs))
        .map(SessionStore::toRotation);
  }

  /** Returns true while the session exists, that is, until it expires or is revoked. */
  public Future<Boolean> isActive(String sessionId) {
    return redis.send(Command.EXISTS, RedisKeys.session(sessionId)).map(reply -> reply.toInteger() == 1);
  }

  /** Returns the subject of a live session, or null. */
  public Future<String> subjectOf(String sessionId) {
    return redis.send(Command.HGET, RedisKeys.session(sessionId), "sub")
        .map(reply -> reply == null ? null : reply.toString());
  }

  /** Ends one session: its refresh token and access tokens stop working at once. */
  public Future<Void> revoke(String userId, String sessionId) {
    return redis.send(Command.DEL, RedisKeys.session(sessionId))
        .compose(deleted -> redis.send(Command.SREM, RedisKeys.userSessions(userId), sessionId))
        .mapEmpty();
  }

  private static Rotation toRotation(Response reply) {
    String status = reply.get(0).toString();
    return switch (status) {
      case "rotated" -> new Rotation(RotationStatus.ROTATED, reply.get(1).toString());
      case "mismatch" -> new Rotation(RotationStatus.MISMATCH, null);
      default -> new Rotation(RotationStatus.UNKNOWN, null);
    };
  }

  private String now() {
    return Long.toString(clock.millis());
  }
}
