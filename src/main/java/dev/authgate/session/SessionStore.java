package dev.authgate.session;

import dev.authgate.redis.LuaScript;
import dev.authgate.redis.RedisKeys;
import dev.authgate.redis.RedisStore;
import dev.authgate.revocation.RevocationPublisher;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Sessions in Redis. A session is one hash, {@code ag:{s:<sid>}}, holding the subject and the hash of the
 * current refresh token; it expires with the refresh token. Its existence is what keeps the session's access
 * tokens valid, so revocation is a DEL and the check per request is one EXISTS. Every DEL that removed a
 * session, the one in the rotation script included, is followed by a revocation broadcast, so that other
 * instances reject the session's tokens without waiting for their next lookup of it.
 */
public final class SessionStore {

  /** Outcome of presenting a refresh token. */
  public enum RotationStatus {
    /** The token was current; the new one replaced it. */
    ROTATED,
    /** The token was rotated moments ago; the pair of that rotation is returned again. */
    REPLAYED,
    /** The token was rotated earlier than the grace window allows; the session was revoked. */
    REUSED,
    /** The secret matches no token this session ever issued; the session is left alone. */
    MISMATCH,
    /** No such session: expired, logged out or never issued. */
    UNKNOWN
  }

  /** Result of a rotation: the status, the session's subject, and for a replay the sealed earlier pair. */
  public record Rotation(RotationStatus status, String subject, String sealedPair) {}

  private static final LuaScript CREATE = new LuaScript("""
      redis.call('HSET', KEYS[1], 'sub', ARGV[1], 'rt', ARGV[2], 'created', ARGV[3], 'refreshed', ARGV[3])
      redis.call('PEXPIRE', KEYS[1], ARGV[4])
      return 1
      """);

  /** Hashes of rotated tokens remembered per session, to tell a replayed old token from a guess. */
  static final int USED_HASHES_KEPT = 8;

  // One atomic step per refresh, so racing requests with the same token see one rotation. The new token's
  // hash is stored in the same step that retires the old one: there is no moment when neither works. The
  // previous hash and its sealed pair stay for the grace window. A token this session issued and rotated
  // earlier is treated as stolen and revokes the session. A secret it never issued (a guess by someone who
  // read the sid claim) is only rejected, so it cannot be used to log a customer out.
  private static final LuaScript ROTATE = new LuaScript("""
      local s = redis.call('HMGET', KEYS[1], 'sub', 'rt', 'prev', 'prev_at', 'prev_pair', 'used')
      if not s[1] then return {'unknown'} end
      local used = s[6] or ''
      if s[2] == ARGV[1] then
        local kept, count = ARGV[1], 1
        for hash in string.gmatch(used, '%S+') do
          if count < tonumber(ARGV[7]) then kept = kept .. ' ' .. hash; count = count + 1 end
        end
        redis.call('HSET', KEYS[1], 'rt', ARGV[2], 'prev', ARGV[1], 'prev_at', ARGV[3], 'prev_pair', ARGV[6],
          'used', kept, 'refreshed', ARGV[3])
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        return {'rotated', s[1]}
      end
      local grace = tonumber(ARGV[5])
      if s[3] == ARGV[1] and grace > 0 and tonumber(ARGV[3]) - tonumber(s[4]) <= grace then
        return {'replayed', s[1], s[5]}
      end
      for hash in string.gmatch(used, '%S+') do
        if hash == ARGV[1] then
          redis.call('DEL', KEYS[1])
          return {'reused', s[1]}
        end
      end
      return {'mismatch', s[1]}
      """);

  // Ends a session only for the holder of its current refresh token.
  private static final LuaScript REVOKE_IF_HOLDER = new LuaScript("""
      local s = redis.call('HMGET', KEYS[1], 'sub', 'rt')
      if s[1] == ARGV[1] and s[2] == ARGV[2] then return redis.call('DEL', KEYS[1]) end
      return 0
      """);

  private final RedisStore redis;
  private final RevocationPublisher revocations;
  private final long refreshTtlMs;
  private final long graceMs;
  private final Clock clock;

  public SessionStore(
      RedisStore redis, RevocationPublisher revocations, long refreshTtlSeconds, long refreshGraceSeconds, Clock clock) {
    this.redis = redis;
    this.revocations = revocations;
    this.refreshTtlMs = refreshTtlSeconds * 1000;
    this.graceMs = refreshGraceSeconds * 1000;
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

  /**
   * Replaces the session's refresh token with {@code next} if {@code presented} is the current one, keeping
   * {@code sealedPair} so that a retry inside the grace window gets the same response. A stale token outside
   * the window revokes the session, and the revocation is published before the future completes.
   */
  public Future<Rotation> rotate(RefreshToken presented, RefreshToken next, String sealedPair) {
    return ROTATE.run(redis, List.of(RedisKeys.session(presented.sessionId())),
            List.of(presented.secretHash(), next.secretHash(), now(), refreshTtlMs, graceMs, sealedPair,
                USED_HASHES_KEPT))
        .map(SessionStore::toRotation)
        .compose(rotation -> rotation.status() == RotationStatus.REUSED
            ? revocations.publish(presented.sessionId()).map(rotation)
            : Future.succeededFuture(rotation));
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

  /** Ends the session of {@code token} if {@code userId} owns it and the token is its current one. */
  public Future<Void> revokeIfHolder(String userId, RefreshToken token) {
    return REVOKE_IF_HOLDER.run(redis, List.of(RedisKeys.session(token.sessionId())), List.of(userId, token.secretHash()))
        .compose(deleted -> deleted.toInteger() == 1
            ? revocations.publish(token.sessionId())
                .compose(published -> redis.send(Command.SREM, RedisKeys.userSessions(userId), token.sessionId()))
                .mapEmpty()
            : Future.succeededFuture());
  }

  /** Ends one session: its refresh token and access tokens stop working at once. */
  public Future<Void> revoke(String userId, String sessionId) {
    return delete(sessionId)
        .compose(deleted -> redis.send(Command.SREM, RedisKeys.userSessions(userId), sessionId))
        .mapEmpty();
  }

  /**
   * Ends every session of the user and returns how many were live. Session keys live in different Cluster
   * slots, so each is deleted on its own. The index is deleted last, so a failure half-way can be retried.
   */
  public Future<Integer> revokeAll(String userId) {
    String indexKey = RedisKeys.userSessions(userId);
    return redis.send(Command.SMEMBERS, indexKey)
        .compose(members -> {
          List<Future<Boolean>> deletions = new ArrayList<>();
          for (Response member : members) {
            deletions.add(delete(member.toString()));
          }
          return Future.all(deletions).map(done -> (int) deletions.stream().filter(Future::result).count());
        })
        .compose(live -> redis.send(Command.DEL, indexKey).map(deleted -> live));
  }

  /**
   * Deletes the session key and returns whether it existed. Only then is the revocation published: an id in
   * the revoked set rejects every token of its session, so a failed or unanswered DEL publishes nothing.
   */
  private Future<Boolean> delete(String sessionId) {
    return redis.send(Command.DEL, RedisKeys.session(sessionId))
        .compose(deleted -> deleted.toInteger() == 1
            ? revocations.publish(sessionId).map(true)
            : Future.succeededFuture(false));
  }

  private static Rotation toRotation(Response reply) {
    String status = reply.get(0).toString();
    return switch (status) {
      case "rotated" -> new Rotation(RotationStatus.ROTATED, reply.get(1).toString(), null);
      case "replayed" -> new Rotation(RotationStatus.REPLAYED, reply.get(1).toString(), reply.get(2).toString());
      case "reused" -> new Rotation(RotationStatus.REUSED, reply.get(1).toString(), null);
      case "mismatch" -> new Rotation(RotationStatus.MISMATCH, reply.get(1).toString(), null);
      default -> new Rotation(RotationStatus.UNKNOWN, null, null);
    };
  }

  private String now() {
    return Long.toString(clock.millis());
  }
}
