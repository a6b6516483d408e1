package dev.authgate.session;

import dev.authgate.audit.AuditEvent;
import dev.authgate.audit.AuditLog;
import dev.authgate.http.JsonBody;
import dev.authgate.token.VerifiedToken;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * {@code POST /auth/logout}: ends the session of the bearer access token. A refresh token in the body ends its
 * session too when it belongs to the same user, and {@code "all": true} ends every session of the user
 * (log out everywhere). Responds with 204. The ended sessions' tokens are rejected from then on.
 */
public final class LogoutHandler implements Handler<RoutingContext> {

  private final SessionAuth auth;
  private final SessionStore sessions;
  private final AuditLog audit;

  public LogoutHandler(SessionAuth auth, SessionStore sessions, AuditLog audit) {
    this.auth = auth;
    this.sessions = sessions;
    this.audit = audit;
  }

  @Override
  public void handle(RoutingContext ctx) {
    JsonBody body = JsonBody.ofOptional(ctx);
    Optional<RefreshToken> refresh = refreshTokenOf(body);
    boolean everywhere = body.optionalBoolean("all", false);

    auth.authenticate(ctx)
        .compose(token -> (everywhere
            ? sessions.revokeAll(token.subject()).<Void>mapEmpty()
            : sessions.revoke(token.subject(), token.sessionId()).compose(done -> revokeOther(token, refresh)))
            .compose(done -> audit.record(ctx, AuditEvent.of(AuditEvent.Type.LOGOUT, AuditEvent.Outcome.SUCCESS)
                .withSubject(token.subject()).withSessionId(token.sessionId()).withReason(everywhere ? "all_sessions" : null))))
        .onSuccess(done -> ctx.response().setStatusCode(204).putHeader("Cache-Control", "no-store").end())
        .onFailure(ctx::fail);
  }

  private static Optional<RefreshToken> refreshTokenOf(JsonBody body) {
    String text = body.optionalString("refresh_token");
    return text == null ? Optional.empty() : RefreshToken.parse(text);
  }

  private Future<Void> revokeOther(VerifiedToken token, Optional<RefreshToken> refresh) {
    if (refresh.isEmpty() || refresh.get().sessionId().equals(token.sessionId())) {
      return Future.succeededFuture();
    }
    return sessions.revokeIfHolder(token.subject(), refresh.get());
  }
}
