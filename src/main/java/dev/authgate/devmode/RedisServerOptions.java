package dev.authgate.devmode;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings for {@link RedisServerProcess}.
 *
 * <ul>
 *   <li>{@code port}: TCP port on 127.0.0.1, from 1 to 65535, or {@link #FREE_PORT} (0) to let the
 *       operating system pick a free one. Port 6379 is rejected because it belongs to the machine's
 *       own Redis. Default: {@link #FREE_PORT}.
 *   <li>{@code forceBundledBinary}: when true, skip {@code redis-server} on the {@code PATH} and use
 *       the binary bundled in the embedded-redis jar. Default: the system property
 *       {@value #FORCE_BUNDLED_PROPERTY} ({@code true} or {@code false}), else false.
 *   <li>{@code startupTimeout}: maximum time to wait until the server accepts connections.
 *       Default: {@link #DEFAULT_STARTUP_TIMEOUT}.
 * </ul>
 */
public record RedisServerOptions(int port, boolean forceBundledBinary, Duration startupTimeout) {

  /** Port value that requests a free port chosen by the operating system. */
  public static final int FREE_PORT = 0;

  /** System property that forces the bundled binary when set to {@code true}. */
  public static final String FORCE_BUNDLED_PROPERTY = "authgate.redis.forceBundled";

  public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(10);

  /** Port of the machine's shared Redis, which development mode must never use. */
  static final int RESERVED_PORT = 6379;

  public RedisServerOptions {
    if (port == RESERVED_PORT) {
      throw new IllegalArgumentException(
          "port 6379 is reserved for the machine's own Redis. Use another port, or 0 for a free one");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0 (free port) or 1..65535, got " + port);
    }
    Objects.requireNonNull(startupTimeout, "startupTimeout");
    if (startupTimeout.isNegative() || startupTimeout.isZero()) {
      throw new IllegalArgumentException("startupTimeout must be positive, got " + startupTimeout);
    }
  }

  /** Returns the defaults: a free port, the default timeout and the bundled flag from the system property. */
  public static RedisServerOptions defaults() {
    boolean forceBundled = Boolean.parseBoolean(System.getProperty(FORCE_BUNDLED_PROPERTY, "false"));
    return new RedisServerOptions(FREE_PORT, forceBundled, DEFAULT_STARTUP_TIMEOUT);
  }

  public RedisServerOptions withPort(int newPort) {
    return new RedisServerOptions(newPort, forceBundledBinary, startupTimeout);
  }

  public RedisServerOptions withForceBundledBinary(boolean force) {
    return new RedisServerOptions(port, force, startupTimeout);
  }

  public RedisServerOptions withStartupTimeout(Duration timeout) {
    return new RedisServerOptions(port, forceBundledBinary, timeout);
  }
}
