package dev.authgate.token;

/**
 * An access token failed verification. The message is for logs; clients get a fixed 401 body so that they
 * learn nothing about which check failed.
 */
public final class InvalidTokenException extends RuntimeException {

  public InvalidTokenException(String message) {
    super(message, null, false, false);
  }
}
