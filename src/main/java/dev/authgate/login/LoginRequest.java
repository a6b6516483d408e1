package dev.authgate.login;

import dev.authgate.http.HttpProblem;
import dev.authgate.http.JsonBody;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A validated login body: the normalised login name, the password as sent, and the optional {@code device_id}
 * (null when absent), a random id that the app keeps per installation.
 */
record LoginRequest(String loginName, String password, String deviceId) {

  /** Maximum length of a username or email, in characters, before normalisation. */
  static final int MAX_NAME_CHARS = 320;

  /** 16 to 128 URL-safe characters: enough for a UUID or 128 random bits in base64url. */
  private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._-]{16,128}");

  static LoginRequest from(JsonBody body, int maxPasswordBytes) {
    String username = body.requiredString("username");
    String password = body.requiredString("password");
    if (username.length() > MAX_NAME_CHARS) {
      throw HttpProblem.invalidField("username", "The field 'username' must be at most " + MAX_NAME_CHARS + " characters.");
    }
    String normalised = LoginNames.normalise(username);
    if (normalised.isEmpty()) {
      throw HttpProblem.invalidField("username", "The field 'username' must not be blank.");
    }
    // Checked before any hashing, so an oversized password costs the gateway nothing.
    if (password.getBytes(StandardCharsets.UTF_8).length > maxPasswordBytes) {
      throw HttpProblem.invalidField("password", "The field 'password' must be at most " + maxPasswordBytes + " bytes in UTF-8.");
    }
    String deviceId = body.optionalString("device_id");
    if (deviceId != null && !DEVICE_ID.matcher(deviceId).matches()) {
      throw HttpProblem.invalidField("device_id", "The field 'device_id' must be 16 to 128 characters of A-Z a-z 0-9 . _ -.");
    }
    return new LoginRequest(normalised, password, deviceId);
  }

  @Override
  public String toString() {
    return "LoginRequest[loginName=" + loginName + "]";
  }
}
