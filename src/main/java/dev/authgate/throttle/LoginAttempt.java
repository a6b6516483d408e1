package dev.authgate.throttle;

/**
 * The facts about a login that the throttle needs before the password is checked.
 *
 * @param userId the id of the account the login name belongs to, or null when no account has that name
 * @param loginName the normalised username or email, used as the budget key when no account has that name
 * @param clientIp the client address, as resolved by {@link dev.authgate.http.ClientIp}
 * @param deviceId the {@code device_id} the client sent, or null
 */
public record LoginAttempt(String userId, String loginName, String clientIp, String deviceId) {

  /** Returns the hash tag that all of this account's throttle keys carry. */
  String accountTag() {
    return ThrottleKeys.accountTag(userId, loginName);
  }

  @Override
  public String toString() {
    // The login name may be a password typed into the wrong field, and the device id works like a credential.
    return "LoginAttempt[userId=" + userId + ", clientIp=" + clientIp + "]";
  }
}
