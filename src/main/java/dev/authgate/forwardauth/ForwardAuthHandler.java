package dev.authgate.forwardauth;

import dev.authgate.forwardauth.AccessDeniedException.Reason;
import dev.authgate.forwardauth.ForwardAuthResponses.Allowed;
import dev.authgate.forwardauth.ForwardAuthSettings.DefaultAction;
import dev.authgate.token.VerifiedToken;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * {@code /auth/verify} and {@code /auth/verify/<original path>}: decides whether an API gateway may pass a
 * client request on. The request is allowed only when every check passes. In order: the original request
 * is well formed (else 400) and carries a bearer token (else 401). The token verifies and its session is live
 * (else 401, or 503 when Redis fails). The most specific rule for the route admits the token (else 403).
 * See {@code docs/forward-auth.md}.
 */
public final class ForwardAuthHandler implements Handler<RoutingContext> {

  private final CachedTokenCheck tokenCheck;
  private final ForwardAuthSettings settings;
  private final ForwardAuthResponses responses;

  ForwardAuthHandler(CachedTokenCheck tokenCheck, ForwardAuthSettings settings, ForwardAuthResponses responses) {
    this.tokenCheck = tokenCheck;
    this.settings = settings;
    this.responses = responses;
  }

  @Override
  public void handle(RoutingContext ctx) {
    // map() turns an exception of the parsing step into a failed future, so every failure reaches deny().
    Future.succeededFuture(ctx.request())
        .map(OriginalRequest::from)
        .compose(original -> Future.succeededFuture(ctx.request())
            .map(BearerToken::from)
            .compose(tokenCheck::check)
            .map(checked -> authorize(original, checked)))
        .onSuccess(allowed -> responses.allow(ctx, allowed))
        .onFailure(cause -> responses.deny(ctx, cause));
  }

  private Allowed authorize(OriginalRequest original, CachedTokenCheck.Result checked) {
    VerifiedToken token = checked.token();
    Optional<RouteRule> rule = settings.rules().match(original.host(), original.method(), original.path());

    if (rule.isEmpty()) {
      if (settings.defaultAction() == DefaultAction.ALLOW_AUTHENTICATED) {
        return new Allowed(checked, null);
      }
      throw new AccessDeniedException(Reason.NO_MATCHING_RULE,
          "no rule covers " + describe(original) + " (subject " + token.subject() + ")");
    }
    if (!rule.get().allows(token.roles(), token.permissions())) {
      throw new AccessDeniedException(Reason.INSUFFICIENT_PERMISSION,
          rule.get().describe() + " denies " + describe(original) + " to subject " + token.subject());
    }
    return new Allowed(checked, rule.get());
  }

  private static String describe(OriginalRequest original) {
    return original.method() + " " + (original.host() == null ? "" : original.host()) + original.path().path();
  }
}
