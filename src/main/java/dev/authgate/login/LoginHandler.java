package dev.authgate.login;

import dev.authgate.http.HttpProblem;
import dev.authgate.http.JsonBody;
import dev.authgate.metrics.GatewayMetrics;
import dev.authgate.metrics.GatewayMetrics.LoginOutcome;
import dev.authgate.redis.RedisUnavailableException;
import dev.authgate.password.PasswordHasher;
import dev.authgate.session.RefreshToken;
import dev.authgate.session.SessionStore;
import dev.authgate.session.TokenResponse;
import dev.authgate.token.AccessToken;
import dev.authgate.token.AccessTokenIssuer;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /auth/login}: checks a username or email and password, then opens a session and returns an
 * access and refresh token. Unknown users are verified against a dummy hash, so they cost the same time as a
 * wrong password, and both get the same 401 body. Account status is revealed only after a correct password.
 */
public final class LoginHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(LoginHandler.class);

  private final CredentialStore credentials;
  private final VerifyPool verifyPool;
  private final PasswordHasher hasher;
  private final SessionStore sessions;
  private final AccessTokenIssuer issuer;
  private final int maxPasswordBytes;
  private final long refreshTtlSeconds;
  private final GatewayMetrics metrics;

  public LoginHandler(
      CredentialStore credentials, VerifyPool verifyPool, PasswordHasher hasher, SessionStore sessions,
      AccessTokenIssuer issuer, int maxPasswordBytes, long refreshTtlSeconds, GatewayMetrics metrics) {
    this.credentials = credentials;
    this.verifyPool = verifyPool;
    this.hasher = hasher;
    this.sessions = sessions;
    this.issuer = issuer;
    this.maxPasswordBytes = maxPasswordBytes;
    this.refreshTtlSeconds = refreshTtlSeconds;
    this.metrics = metrics;
  }

  @Override
  public void handle(RoutingContext ctx) {
    LoginRequest request;
    try {
      request = LoginRequest.from(JsonBody.of(ctx), maxPasswordBytes);
    } catch (HttpProblem invalid) {
      metrics.login(LoginOutcome.INVALID_REQUEST);
      throw invalid;
    }

    credentials.findByLoginName(request.loginName())
        .compose(found -> verify(found, request.password()))
        .compose(this::requireActive)
        .compose(credential -> sessions.create(credential.userId())
            .map(refresh -> new Issued(credential, refresh)))
        .onSuccess(issued -> respond(ctx, issued))
        .onFailure(failure -> {
          metrics.login(outcomeOf(failure));
          ctx.fail(failure);
        });
  }

  private static LoginOutcome outcomeOf(Throwable failure) {
    if (failure instanceof RedisUnavailableException) {
      return LoginOutcome.STORE_UNAVAILABLE;
    }
    if (!(failure instanceof HttpProblem problem)) {
      return LoginOutcome.ERROR;
    }
    return switch (problem.status()) {
      case 401 -> LoginOutcome.BAD_CREDENTIALS;
      case 403 -> "account-locked".equals(problem.type()) ? LoginOutcome.LOCKED : LoginOutcome.DISABLED;
      case 429 -> LoginOutcome.THROTTLED;
      case 503 -> LoginOutcome.REJECTED_LOAD;
      default -> LoginOutcome.INVALID_REQUEST;
    };
  }

  private Future<Credential> verify(Optional<Credential> found, String password) {
    String hash = found.map(Credential::passwordHash).orElse(hasher.dummyHash());
    return verifyPool.submit(() -> hasher.verify(hash, password))
        .compose(matches -> {
          if (matches && found.isPresent()) {
            return Future.succeededFuture(found.get());
          }
          LOG.info("Login failed: {}", found.map(c -> "wrong password for user " + c.userId()).orElse("unknown login name"));
          return Future.failedFuture(HttpProblem.invalidCredentials());
        });
  }

  private Future<Credential> requireActive(Credential credential) {
    if (credential.isActive()) {
      return Future.succeededFuture(credential);
    }
    LOG.info("Login refused: user {} has status {}", credential.userId(), credential.status());
    String state = "locked".equals(credential.status()) ? "locked" : "disabled";
    return Future.failedFuture(HttpProblem.forbidden(
        "account-" + state, "Account " + state,
        "This account is " + state + "; contact your bank to restore access."));
  }

  private void respond(RoutingContext ctx, Issued issued) {
    Credential credential = issued.credential();
    AccessToken access = issuer.issue(
        credential.userId(), issued.refresh().sessionId(), credential.roles(), credential.permissions());
    TokenResponse.write(ctx, access, issued.refresh(), refreshTtlSeconds);
    metrics.login(LoginOutcome.SUCCESS);
    metrics.tokenIssued(GatewayMetrics.Grant.LOGIN);
  }

  private record Issued(Credential credential, RefreshToken refresh) {}
}
