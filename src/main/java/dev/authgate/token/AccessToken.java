package dev.authgate.token;

/** A signed access token and the facts a response needs about it. */
public record AccessToken(String value, String jti, long expiresInSeconds) {

  @Override
  public String toString() {
    return "AccessToken[jti=" + jti + "]";
  }
}
