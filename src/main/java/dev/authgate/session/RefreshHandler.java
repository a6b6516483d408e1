package dev.authgate.session;

import dev.authgate.http.HttpProblem;
import dev.authgate.http.JsonBody;
import dev.authgate.login.Credential;
import dev.authgate.login.CredentialStore;
import dev.authgate.metrics.GatewayMetrics;
import dev.authgate.token.AccessToken;
import dev.authgate.token.AccessTokenIssuer;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /auth/refresh}: exchanges a refresh token for a new pair. The old token works once; the new one
 * is returned only after Redis stored its hash. Roles and permissions are read again, so a change reaches the
 * next access token, and a user who was locked or removed loses the session.
 */
public final class RefreshHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(RefreshHandler.class);

  private final SessionStore sessions;
  private final CredentialStore credentials;
  private final AccessTokenIssuer issuer;
  private final long refreshTtlSeconds;
  private final GatewayMetrics metrics;

  public RefreshHandler(
      SessionStore sessions, CredentialStore credentials, AccessTokenIssuer issuer, long refreshTtlSeconds,
      GatewayMetrics metrics) {
    this.sessions = sessions;
    this.credentials = credentials;
    this.issuer = issuer;
    this.refreshTtlSeconds = refreshTtlSeconds;
    this.metrics = metrics;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String text = JsonBody.of(ctx).requiredString("refresh_token");
    Optional<RefreshToken> presented = RefreshToken.parse(text);
    if (presented.isEmpty()) {
      ctx.fail(invalidRefreshToken());
      return;
    }
    RefreshToken next = RefreshToken.issue(presented.get().sessionId());

    sessions.rotate(presented.get(), next)
        .compose(rotation -> requireRotated(rotation, presented.get()))
        .compose(subject -> credentials.findById(subject)
            .compose(found -> requireActiveUser(found, subject, next.sessionId())))
        .onSuccess(credential -> {
          AccessToken access = issuer.issue(credential.userId(), next.sessionId(), credential.roles(), credential.permissions());
          TokenResponse.write(ctx, access, next, refreshTtlSeconds);
          metrics.tokenIssued(GatewayMetrics.Grant.REFRESH);
        })
        .onFailure(ctx::fail);
  }

  private Future<String> requireRotated(SessionStore.Rotation rotation, RefreshToken presented) {
    if (rotation.status() == SessionStore.RotationStatus.ROTATED) {
      return Future.succeededFuture(rotation.subject());
    }
    LOG.info("Refresh rejected for session {}: token {}", presented.sessionId(),
        rotation.status() == SessionStore.RotationStatus.MISMATCH ? "already used or replaced" : "unknown or expired");
    return Future.failedFuture(invalidRefreshToken());
  }

  private Future<Credential> requireActiveUser(Optional<Credential> found, String subject, String sessionId) {
    if (found.isPresent() && found.get().isActive()) {
      return Future.succeededFuture(found.get());
    }
    LOG.info("Refresh refused: user {} is {}; revoking session {}", subject,
        found.map(Credential::status).orElse("removed"), sessionId);
    return sessions.revoke(subject, sessionId).compose(revoked -> Future.failedFuture(invalidRefreshToken()));
  }

  static HttpProblem invalidRefreshToken() {
    return HttpProblem.of(401, "invalid-refresh-token", "Invalid refresh token",
        "The refresh token is unknown, expired or already used; log in again.");
  }
}
