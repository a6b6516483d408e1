package dev.authgate.throttle;

import dev.authgate.redis.LuaScript;
import dev.authgate.redis.RedisStore;
import dev.authgate.throttle.ThrottleSettings.Limit;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Response;
import java.util.List;

/**
 * A sliding-window failure count in one Redis sorted set: one member per failed login, scored by its time in
 * epoch milliseconds. Times come from the gateway's injected clock, not from Redis TIME, so that tests can
 * move time forward and gateway instances must keep their clocks in sync (NTP). The key's TTL only removes
 * idle sets; the window itself is enforced by the scores.
 */
final class SlidingWindow {

  /** Result of asking whether an attempt may go ahead; {@code waitMs} is 0 when it may. */
  record Decision(boolean admitted, long waitMs, boolean reserved) {}

  /**
   * Failures kept per key beyond the free ones. More cannot raise the delay, because 2^64 times any base
   * delay is past every allowed maximum, so the cap only bounds memory.
   */
  private static final int EXTRA_TRACKED_FAILURES = 64;

  // Prunes the window, then admits the attempt unless the latest failure was less than the current delay
  // ago. An attempt admitted while delays apply is counted at once (reserved), so parallel requests cannot
  // all pass the check while the first is being verified. The caller withdraws it if the password is right.
  private static final LuaScript ADMIT = new LuaScript("""
      local now = tonumber(ARGV[1])
      local window = tonumber(ARGV[2])
      local free = tonumber(ARGV[3])
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
      local failures = redis.call('ZCARD', KEYS[1])
      if failures < free then
        return {1, 0, 0}
      end
      local newest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
      local delay = math.min(tonumber(ARGV[4]) * 2 ^ math.min(failures - free, 64), tonumber(ARGV[5]))
      local wait = tonumber(newest[2]) + delay - now
      if wait > 0 then
        return {0, math.ceil(wait), 0}
      end
      redis.call('ZADD', KEYS[1], now, ARGV[6])
      redis.call('PEXPIRE', KEYS[1], window)
      return {1, 0, 1}
      """);

  // Adds (or, for a reserved attempt, re-times) a member scored by time, drops members older than the
  // window, keeps the newest ARGV[4], and lets an idle set expire. KnownDevices uses it for devices too.
  static final LuaScript RECORD = new LuaScript("""
      local now = tonumber(ARGV[1])
      local window = tonumber(ARGV[2])
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
      redis.call('ZADD', KEYS[1], now, ARGV[3])
      redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(tonumber(ARGV[4]) + 1))
      redis.call('PEXPIRE', KEYS[1], window)
      return 1
      """);

  private final RedisStore redis;
  private final long windowMs;
  private final long baseDelayMs;

  SlidingWindow(RedisStore redis, long windowMs, long baseDelayMs) {
    this.redis = redis;
    this.windowMs = windowMs;
    this.baseDelayMs = baseDelayMs;
  }

  /** Decides whether an attempt at {@code nowMs} may go ahead; {@code member} names it if it is reserved. */
  Future<Decision> admit(String key, Limit limit, long nowMs, String member) {
    return ADMIT.run(redis, List.of(key),
            List.of(nowMs, windowMs, limit.freeFailures(), baseDelayMs, limit.maxDelayMs(), member))
        .map(SlidingWindow::toDecision);
  }

  /** Counts a failed login at {@code nowMs}. */
  Future<Void> recordFailure(String key, Limit limit, long nowMs, String member) {
    long maxTracked = (long) limit.freeFailures() + EXTRA_TRACKED_FAILURES;
    return RECORD.run(redis, List.of(key), List.of(nowMs, windowMs, member, maxTracked)).mapEmpty();
  }

  /** Removes one attempt, such as a reserved one whose password turned out to be right. */
  Future<Void> withdraw(String key, String member) {
    return redis.send(Command.ZREM, key, member).mapEmpty();
  }

  /** Forgets every failure counted under {@code key}. */
  Future<Void> reset(String key) {
    return redis.send(Command.DEL, key).mapEmpty();
  }

  private static Decision toDecision(Response reply) {
    return new Decision(reply.get(0).toInteger() == 1, reply.get(1).toLong(), reply.get(2).toInteger() == 1);
  }
}
