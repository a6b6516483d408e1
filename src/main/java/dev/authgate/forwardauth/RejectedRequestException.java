package dev.authgate.forwardauth;

/**
 * The original request that a gateway sent for checking is malformed or ambiguous, for example a path with an
 * encoded slash or two disagreeing method headers. The response is 400. The message is for logs and for the
 * problem detail, and it never contains a token.
 */
public final class RejectedRequestException extends RuntimeException {

  public RejectedRequestException(String message) {
    super(message, null, false, false);
  }
}
