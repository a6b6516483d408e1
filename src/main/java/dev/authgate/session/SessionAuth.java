package dev.authgate.session;

import dev.authgate.token.InvalidTokenException;
import dev.authgate.token.VerifiedToken;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * Authenticates a request by its bearer access token: the token must verify and its session must still exist,
 * so a logged-out session's tokens stop working at once on authgate's own endpoints. {@code tokenCheck} does
 * both: in the gateway it reuses verified tokens from a cache and checks the session in Redis with one
 * EXISTS on every request, failing closed with 503 when Redis does not respond.
 */
public final class SessionAuth {

  private static final String BEARER = "bearer ";

  private final Function<String, Future<VerifiedToken>> tokenCheck;

  public SessionAuth(Function<String, Future<VerifiedToken>> tokenCheck) {
    this.tokenCheck = tokenCheck;
  }

  public Future<VerifiedToken> authenticate(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Future.failedFuture(new InvalidTokenException("no bearer token in the Authorization header"));
    }
    String token = header.substring(BEARER.length()).trim();
    return tokenCheck.apply(token);
  }
}
