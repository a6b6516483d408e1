package dev.authgate.config;

/** Invalid or missing configuration. The message names the key and, where it is safe, the bad value. */
public final class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
