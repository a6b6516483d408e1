package dev.authgate.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An opaque refresh token {@code <session id>.<secret>}: 128 random bits of session id and 256 of secret.
 * The session id tells the gateway which Redis key to read; Redis stores only the SHA-256 of the secret,
 * so a copy of the store cannot be replayed as tokens.
 */
public record RefreshToken(String sessionId, String secret) {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{22}");
  private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");

  public static String newSessionId() {
    return randomText(16);
  }

  public static RefreshToken issue(String sessionId) {
    return new RefreshToken(sessionId, randomText(32));
  }

  /** Parses a token, returning empty for anything that is not of the exact shape. */
  public static Optional<RefreshToken> parse(String text) {
    int dot = text.indexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    String sessionId = text.substring(0, dot);
    String secret = text.substring(dot + 1);
    if (!SESSION_ID.matcher(sessionId).matches() || !SECRET.matcher(secret).matches()) {
      return Optional.empty();
    }
    return Optional.of(new RefreshToken(sessionId, secret));
  }

  public String value() {
    return sessionId + "." + secret;
  }

  /** Returns the base64url SHA-256 of the secret, the only form Redis stores. */
  public String secretHash() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  @Override
  public String toString() {
    return "RefreshToken[sessionId=" + sessionId + "]";
  }

  private static String randomText(int bytes) {
    byte[] buffer = new byte[bytes];
    RANDOM.nextBytes(buffer);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
  }
}
