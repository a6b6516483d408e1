package dev.authgate.redis;

/** Redis did not answer in time or failed; the HTTP layer turns it into 503 with Retry-After. */
public final class RedisUnavailableException extends RuntimeException {

  public RedisUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
