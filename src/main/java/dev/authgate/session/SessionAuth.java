package dev.authgate.session;

import dev.authgate.token.AccessTokenVerifier;
import dev.authgate.token.InvalidTokenException;
import dev.authgate.token.VerifiedToken;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates a request by its bearer access token: the token must verify and its session must still exist,
 * so a logged-out session's tokens stop working at once on authgate's own endpoints. The session check is one
 * Redis EXISTS; when Redis does not respond, the request fails closed with 503.
 */
public final class SessionAuth {

  private static final String BEARER = "bearer ";

  private final AccessTokenVerifier verifier;
  private final SessionStore sessions;

  public SessionAuth(AccessTokenVerifier verifier, SessionStore sessions) {
    this.verifier = verifier;
    this.sessions = sessions;
  }

  public Future<VerifiedToken> authenticate(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Future.failedFuture(new InvalidTokenException("no bearer token in the Authorization header"));
    }
    String token = header.substring(BEARER.length()).trim();
    return verifier.verify(token)
        .compose(verified -> sessions.isActive(verified.sessionId())
            .compose(active -> active
                ? Future.succeededFuture(verified)
                : Future.failedFuture(new InvalidTokenException("session " + verified.sessionId() + " is revoked or expired"))));
  }
}
