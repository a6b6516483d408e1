package dev.authgate.login;

import dev.authgate.http.HttpProblem;
import dev.authgate.http.JsonBody;
import java.nio.charset.StandardCharsets;

/** A validated login body: the normalised login name and the password as sent. */
record LoginRequest(String loginName, String password) {

  /** Maximum length of a username or email, in characters, before normalisation. */
  static final int MAX_NAME_CHARS = 320;

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
    return new LoginRequest(normalised, password);
  }

  @Override
  public String toString() {
    return "LoginRequest[loginName=" + loginName + "]";
  }
}
