package dev.authgate.redis;

/**
 * The Redis key layout. Every key of one user carries the hash tag {@code {u:<id>}} and every key of one
 * session the tag {@code {s:<sid>}}, so that each group lives in one Redis Cluster slot and a Lua script
 * may touch all keys of a group at once. The layout is documented in {@code docs/redis-layout.md}.
 */
public final class RedisKeys {

  private static final String PREFIX = "ag:";

  private RedisKeys() {}

  /** Small login document: credential, status, roles, permissions. */
  public static String credential(String userId) {
    return PREFIX + "{u:" + userId + "}:cred";
  }

  /** Large profile body served by {@code GET /me}. */
  public static String profile(String userId) {
    return PREFIX + "{u:" + userId + "}:profile";
  }

  /** Set of the user's live session ids, for logging out everywhere. */
  public static String userSessions(String userId) {
    return PREFIX + "{u:" + userId + "}:sessions";
  }

  /** Index from a normalised username to the user id. */
  public static String usernameIndex(String normalisedUsername) {
    return PREFIX + "idx:username:" + normalisedUsername;
  }

  /** Index from a normalised email address to the user id. */
  public static String emailIndex(String normalisedEmail) {
    return PREFIX + "idx:email:" + normalisedEmail;
  }

  /** Session hash: subject, refresh-token hash, times. Its existence is what keeps access tokens valid. */
  public static String session(String sessionId) {
    return PREFIX + "{s:" + sessionId + "}";
  }
}
