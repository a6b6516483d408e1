package dev.authgate.forwardauth;

/** A valid token that the route does not admit. The response is 403. */
final class AccessDeniedException extends RuntimeException {

  /** The cause of a denial. */
  enum Reason {
    /** The matching rule needs a permission or role that the token lacks. */
    INSUFFICIENT_PERMISSION,
    /** No rule covers the request and {@code forward-auth.default-action} is {@code deny}. */
    NO_MATCHING_RULE
  }

  private final Reason reason;

  AccessDeniedException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  Reason reason() {
    return reason;
  }
}
