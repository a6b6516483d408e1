package dev.authgate.session;

import dev.authgate.audit.AuditEvent;
import dev.authgate.audit.AuditLog;
import dev.authgate.http.HttpProblem;
import dev.authgate.http.JsonBody;
import dev.authgate.login.Credential;
import dev.authgate.login.CredentialStore;
import dev.authgate.metrics.GatewayMetrics;
import dev.authgate.session.SessionStore.Rotation;
import dev.authgate.token.AccessToken;
import dev.authgate.token.AccessTokenIssuer;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /auth/refresh}: exchanges a refresh token for a new pair, exactly once. Mobile apps retry and
 * send parallel requests, so the same token presented again within {@code tokens.refresh-grace-seconds}
 * gets the same pair back, not a second one. Presented later, it is treated as stolen and the session ends.
 * Roles and permissions are read again, so a change reaches the next access token, and a user who was
 * locked or removed loses the session.
 */
public final class RefreshHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(RefreshHandler.class);

  private final SessionStore sessions;
  private final CredentialStore credentials;
  private final AccessTokenIssuer issuer;
  private final long refreshTtlSeconds;
  private final GatewayMetrics metrics;
  private final AuditLog audit;

  public RefreshHandler(
      SessionStore sessions, CredentialStore credentials, AccessTokenIssuer issuer, long refreshTtlSeconds,
      GatewayMetrics metrics, AuditLog audit) {
    this.sessions = sessions;
    this.credentials = credentials;
    this.issuer = issuer;
    this.refreshTtlSeconds = refreshTtlSeconds;
    this.metrics = metrics;
    this.audit = audit;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Optional<RefreshToken> parsed = RefreshToken.parse(JsonBody.of(ctx).requiredString("refresh_token"));
    if (parsed.isEmpty()) {
      ctx.fail(invalidRefreshToken());
      return;
    }
    RefreshToken presented = parsed.get();

    sessions.subjectOf(presented.sessionId())
        .compose(subject -> requireSession(subject, presented))
        .compose(subject -> credentials.findById(subject)
            .compose(found -> requireActiveUser(found, subject, presented.sessionId())))
        .compose(credential -> rotate(ctx, presented, credential)
            .compose(pair -> audit.record(ctx, AuditEvent.of(AuditEvent.Type.REFRESH, AuditEvent.Outcome.SUCCESS)
                .withSubject(credential.userId()).withSessionId(presented.sessionId())).map(pair)))
        .onSuccess(pair -> TokenResponse.write(ctx, pair.access(), pair.refresh(), refreshTtlSeconds))
        .onFailure(ctx::fail);
  }

  /** Signs the successor pair first, then swaps tokens in one Redis step; a replay returns the earlier pair. */
  private Future<IssuedPair> rotate(RoutingContext ctx, RefreshToken presented, Credential credential) {
    RefreshToken next = RefreshToken.issue(presented.sessionId());
    AccessToken access = issuer.issue(credential.userId(), presented.sessionId(), credential.roles(), credential.permissions());
    String sealed = ReplayBox.seal(presented, new ReplayBox.Pair(next.value(), access.value()));

    return sessions.rotate(presented, next, sealed).compose(rotation -> switch (rotation.status()) {
      case ROTATED -> {
        metrics.tokenIssued(GatewayMetrics.Grant.REFRESH);
        yield Future.succeededFuture(new IssuedPair(access, next));
      }
      case REPLAYED -> replay(presented, rotation);
      case REUSED -> reuseDetected(ctx, presented, rotation);
      case MISMATCH -> {
        LOG.info("Refresh rejected for session {}: the secret matches no token it issued", presented.sessionId());
        yield Future.failedFuture(invalidRefreshToken());
      }
      case UNKNOWN -> Future.failedFuture(invalidRefreshToken());
    });
  }

  private Future<IssuedPair> replay(RefreshToken presented, Rotation rotation) {
    Optional<ReplayBox.Pair> earlier = ReplayBox.open(presented, rotation.sealedPair());
    if (earlier.isEmpty()) {
      LOG.warn("Refresh replay for session {} could not open the stored pair", presented.sessionId());
      return Future.failedFuture(invalidRefreshToken());
    }
    Optional<RefreshToken> refresh = RefreshToken.parse(earlier.get().refreshToken());
    if (refresh.isEmpty()) {
      return Future.failedFuture(invalidRefreshToken());
    }
    // NOTE: expires_in is the full lifetime, although the replayed token was signed up to the grace window
    // earlier. Clients that refresh ahead of expiry are not affected by the difference.
    AccessToken access = new AccessToken(earlier.get().accessToken(), null, issuer.accessTtlSeconds());
    return Future.succeededFuture(new IssuedPair(access, refresh.get()));
  }

  private Future<IssuedPair> reuseDetected(RoutingContext ctx, RefreshToken presented, Rotation rotation) {
    metrics.refreshReuseDetected();
    LOG.warn("Refresh token reuse detected for user {}: session {} revoked", rotation.subject(), presented.sessionId());
    return sessions.revoke(rotation.subject(), presented.sessionId())
        .eventually(() -> audit.record(ctx, AuditEvent.of(AuditEvent.Type.REFRESH_REUSE, AuditEvent.Outcome.FAILURE)
            .withSubject(rotation.subject()).withSessionId(presented.sessionId()).withReason("session_revoked")))
        .transform(revoked -> Future.failedFuture(invalidRefreshToken()));
  }

  private Future<String> requireSession(String subject, RefreshToken presented) {
    if (subject != null) {
      return Future.succeededFuture(subject);
    }
    LOG.info("Refresh rejected: session {} is unknown, expired or revoked", presented.sessionId());
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

  private record IssuedPair(AccessToken access, RefreshToken refresh) {}
}
