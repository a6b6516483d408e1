package dev.authgate.throttle;

import dev.authgate.redis.RedisStore;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import java.util.List;

/**
 * The devices each account has logged in from: a sorted set per user of SHA-256 device-id hashes, scored by
 * the time of the last successful login (epoch ms from the injected clock). A device id becomes known only
 * through a successful login, and stops being known {@code knownDeviceTtlMs} after its last one. Only hashes
 * are stored, so a copy of Redis cannot be used to pass as a known device.
 */
final class KnownDevices {

  private final RedisStore redis;
  private final long ttlMs;
  private final int maxDevices;

  KnownDevices(RedisStore redis, long ttlMs, int maxDevices) {
    this.redis = redis;
    this.ttlMs = ttlMs;
    this.maxDevices = maxDevices;
  }

  /** Returns true when {@code deviceHash} logged in to the account successfully within the TTL before {@code nowMs}. */
  Future<Boolean> isKnown(String userId, String deviceHash, long nowMs) {
    return redis.send(Command.ZSCORE, ThrottleKeys.knownDevices(userId), deviceHash)
        .map(score -> score != null && Double.parseDouble(score.toString()) > nowMs - ttlMs);
  }

  /** Marks the device as known after a successful login at {@code nowMs}. */
  Future<Void> remember(String userId, String deviceHash, long nowMs) {
    // Same bounded, expiring sorted set as a failure window: the device is the member, its last login the score.
    return SlidingWindow.RECORD.run(redis, List.of(ThrottleKeys.knownDevices(userId)), List.of(nowMs, ttlMs, deviceHash, maxDevices))
        .mapEmpty();
  }
}
