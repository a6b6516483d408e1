package dev.authgate.audit;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One security event for the audit stream. Fields are typed so that no free text, and so no password, token
 * or hash, can reach the stream. Build one with {@link #of} and the {@code with...} methods; absent values
 * are written as empty strings, so every entry has the same fields. {@link AuditLog} adds the time.
 *
 * @param type what happened, the {@code event} field
 * @param outcome whether it succeeded, the {@code outcome} field
 * @param subject the user id, or null when no account is known (an unknown login name is never recorded,
 *     because users sometimes type their password into the name field)
 * @param clientIp the client address as resolved by {@link dev.authgate.http.ClientIp}
 * @param userAgent the {@code User-Agent} header, shortened to {@link #MAX_USER_AGENT_CHARS}
 * @param sessionId the session id (the public half of a refresh token, never its secret)
 * @param reason a short snake_case code such as {@code wrong_password}, or null
 */
public record AuditEvent(
    Type type, Outcome outcome, String subject, String clientIp, String userAgent, String sessionId, String reason) {

  /** Maximum user-agent length kept, in characters, because the header is client-controlled and otherwise unbounded. */
  public static final int MAX_USER_AGENT_CHARS = 256;

  private static final Pattern CONTROL_CHARACTERS = Pattern.compile("\\p{Cntrl}");

  /** Event types, written in lower case: {@code login}, {@code login_throttled}, and so on. */
  public enum Type {
    LOGIN, LOGIN_THROTTLED, REFRESH, REFRESH_REUSE, LOGOUT, KEY_ROTATION, HASH_UPGRADE;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Outcomes, written in lower case. */
  public enum Outcome {
    SUCCESS, FAILURE;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static AuditEvent of(Type type, Outcome outcome) {
    return new AuditEvent(type, outcome, null, null, null, null, null);
  }

  public AuditEvent withOutcome(Outcome newOutcome) {
    return new AuditEvent(type, newOutcome, subject, clientIp, userAgent, sessionId, reason);
  }

  public AuditEvent withSubject(String userId) {
    return new AuditEvent(type, outcome, userId, clientIp, userAgent, sessionId, reason);
  }

  /** Sets the client address and user agent; the user agent is cut short and stripped of control characters. */
  public AuditEvent withClient(String ip, String agent) {
    return new AuditEvent(type, outcome, subject, ip, cleanUserAgent(agent), sessionId, reason);
  }

  public AuditEvent withSessionId(String id) {
    return new AuditEvent(type, outcome, subject, clientIp, userAgent, id, reason);
  }

  public AuditEvent withReason(String code) {
    return new AuditEvent(type, outcome, subject, clientIp, userAgent, sessionId, code);
  }

  private static String cleanUserAgent(String agent) {
    if (agent == null) {
      return null;
    }
    String shortened = agent.length() > MAX_USER_AGENT_CHARS ? agent.substring(0, MAX_USER_AGENT_CHARS) : agent;
    // Readers print entries in terminals and log viewers, where CR, LF and escape codes would forge lines.
    return CONTROL_CHARACTERS.matcher(shortened).replaceAll("?");
  }
}
