package dev.authgate.throttle;

import dev.authgate.config.ConfigException;
import dev.authgate.config.ConfigReader;

/**
 * The {@code throttle.*} settings, validated. Each key, its unit and its default are documented in
 * {@code conf/authgate.yaml}.
 *
 * @param windowMs how far back failed logins are counted
 * @param baseDelayMs the first delay once a limit's free failures are used up; each further failure doubles it
 * @param ip the limit per client IP address (per /64 block for IPv6)
 * @param accountIp the limit per account and client IP, also used per account and known device
 * @param account the account-wide limit, which only slows logins down
 * @param knownDeviceTtlMs how long a device stays known after its last successful login
 * @param maxKnownDevices how many devices per account are remembered; the least recently used are dropped
 */
public record ThrottleSettings(
    long windowMs, long baseDelayMs, Limit ip, Limit accountIp, Limit account, long knownDeviceTtlMs,
    int maxKnownDevices) {

  /**
   * One limit: {@code freeFailures} failed logins in the window cost nothing, then each attempt waits
   * {@code baseDelayMs × 2^(failures − freeFailures)}, at most {@code maxDelayMs}, after the latest failure.
   */
  public record Limit(int freeFailures, long maxDelayMs) {}

  private static final long SECOND_MS = 1000;

  /** Reads and checks the {@code throttle} section, failing with the key and the bad value. */
  public static ThrottleSettings from(ConfigReader config) {
    long windowSeconds = config.longBetween("throttle.window-seconds", 1, 7 * 86_400);
    long baseDelaySeconds = config.longBetween("throttle.base-delay-seconds", 1, 3600);
    return new ThrottleSettings(
        windowSeconds * SECOND_MS,
        baseDelaySeconds * SECOND_MS,
        limit(config, "throttle.ip", baseDelaySeconds),
        limit(config, "throttle.account-ip", baseDelaySeconds),
        limit(config, "throttle.account", baseDelaySeconds),
        config.longBetween("throttle.known-device-ttl-seconds", 60, 400 * 86_400L) * SECOND_MS,
        config.intBetween("throttle.max-known-devices", 1, 1000));
  }

  private static Limit limit(ConfigReader config, String prefix, long baseDelaySeconds) {
    int free = config.intBetween(prefix + ".free-failures", 1, 1_000_000);
    long maxDelaySeconds = config.longBetween(prefix + ".max-delay-seconds", 1, 86_400);
    if (maxDelaySeconds < baseDelaySeconds) {
      throw new ConfigException("Configuration key '" + prefix + ".max-delay-seconds' (" + maxDelaySeconds
          + ") must be at least 'throttle.base-delay-seconds' (" + baseDelaySeconds + ")");
    }
    return new Limit(free, maxDelaySeconds * SECOND_MS);
  }
}
