package dev.authgate.password;

/**
 * A stored hash could not be parsed. The message is a fixed description of what is wrong and never
 * contains any part of the hash, so it is safe to log.
 */
final class MalformedHashException extends Exception {
  private static final long serialVersionUID = 1L;

  MalformedHashException(String reason) {
    super(reason, null, false, false);
  }
}
