package dev.authgate.forwardauth;

/**
 * The request carries no bearer credentials at all: no Authorization header, or one with another scheme.
 * The response is 401 with a plain {@code WWW-Authenticate: Bearer} challenge and no error code, as RFC 6750
 * section 3.1 specifies for requests that carry no authentication.
 */
final class MissingTokenException extends RuntimeException {

  MissingTokenException() {
    super("no bearer token in the Authorization header", null, false, false);
  }
}
