package dev.authgate.throttle;

import dev.authgate.http.HttpProblem;

/**
 * A login rejected before its password was checked, because a failure budget is in its delay. Carries the
 * scope for the audit trail. The client gets {@link #toProblem()}, which is the same whatever the scope, so
 * that a 429 does not tell whether the account exists or which limit was hit.
 */
public final class ThrottledException extends RuntimeException {

  private final ThrottleScope scope;
  private final long waitMs;

  ThrottledException(ThrottleScope scope, long waitMs) {
    super("login throttled by the " + scope.label() + " limit for " + waitMs + " ms", null, false, false);
    this.scope = scope;
    this.waitMs = waitMs;
  }

  public ThrottleScope scope() {
    return scope;
  }

  /** Returns the wait in whole seconds, rounded up and at least 1, as sent in {@code Retry-After}. */
  public int retryAfterSeconds() {
    return (int) Math.max(1, (waitMs + 999) / 1000);
  }

  /** Returns the 429 problem sent to the client. */
  public HttpProblem toProblem() {
    return HttpProblem.tooManyRequests("login-throttled",
        "Too many failed login attempts. Wait the number of seconds in Retry-After before trying again.",
        retryAfterSeconds());
  }
}
