package dev.authgate.throttle;

import dev.authgate.throttle.ThrottleSettings.Limit;
import java.util.List;

/**
 * A login attempt that the throttle let through, with the failure budgets it was checked against. Hand it
 * back to {@link LoginThrottle} once the password was checked: to record a failure, a success, or neither.
 */
public final class Admission {

  /** One budget the attempt was checked against, and whether the attempt is already counted in it. */
  record Check(ThrottleScope scope, String key, Limit limit, boolean reserved) {

    Check reserved(boolean isReserved) {
      return new Check(scope, key, limit, isReserved);
    }
  }

  private final LoginAttempt attempt;
  private final String deviceHash;
  private final boolean knownDevice;
  private final String member;
  private final List<Check> checks;

  Admission(LoginAttempt attempt, String deviceHash, boolean knownDevice, String member, List<Check> checks) {
    this.attempt = attempt;
    this.deviceHash = deviceHash;
    this.knownDevice = knownDevice;
    this.member = member;
    this.checks = List.copyOf(checks);
  }

  public LoginAttempt attempt() {
    return attempt;
  }

  /** Returns true when the device id is one the account logged in from before, so the account-wide limit was skipped. */
  public boolean knownDevice() {
    return knownDevice;
  }

  /** Returns the SHA-256 of the device id, or null when the client sent none. */
  String deviceHash() {
    return deviceHash;
  }

  /** Returns the sorted-set member that stands for this attempt in every budget. */
  String member() {
    return member;
  }

  List<Check> checks() {
    return checks;
  }

  Admission withChecks(List<Check> newChecks) {
    return new Admission(attempt, deviceHash, knownDevice, member, newChecks);
  }
}
