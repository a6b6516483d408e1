package dev.authgate.login;

import dev.authgate.audit.AuditEvent;
import dev.authgate.audit.AuditEvent.Outcome;
import dev.authgate.audit.AuditEvent.Type;
import dev.authgate.audit.AuditLog;
import dev.authgate.http.ClientIp;
import dev.authgate.http.HttpProblem;
import dev.authgate.http.JsonBody;
import dev.authgate.metrics.GatewayMetrics;
import dev.authgate.metrics.GatewayMetrics.LoginOutcome;
import dev.authgate.redis.RedisUnavailableException;
import dev.authgate.password.PasswordHasher;
import dev.authgate.session.RefreshToken;
import dev.authgate.session.SessionStore;
import dev.authgate.session.TokenResponse;
import dev.authgate.throttle.Admission;
import dev.authgate.throttle.LoginAttempt;
import dev.authgate.throttle.LoginThrottle;
import dev.authgate.throttle.ThrottledException;
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
 *
 * <p>The {@link LoginThrottle} is asked before any hashing, so a throttled attempt (429) costs no CPU, and a
 * failed attempt is counted before its 401 is sent. Every verdict is written to the audit trail before the
 * response. An outdated password hash is upgraded after the response, off the event loop.
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
  private final boolean fastUnknownUsers;
  private final LoginThrottle throttle;
  private final AuditLog audit;
  private final HashUpgrade upgrades;

  public LoginHandler(
      CredentialStore credentials, VerifyPool verifyPool, PasswordHasher hasher, SessionStore sessions,
      AccessTokenIssuer issuer, int maxPasswordBytes, long refreshTtlSeconds, GatewayMetrics metrics,
      LoginThrottle throttle, AuditLog audit, HashUpgrade upgrades, boolean fastUnknownUsers) {
    this.credentials = credentials;
    this.verifyPool = verifyPool;
    this.hasher = hasher;
    this.sessions = sessions;
    this.issuer = issuer;
    this.maxPasswordBytes = maxPasswordBytes;
    this.refreshTtlSeconds = refreshTtlSeconds;
    this.metrics = metrics;
    this.fastUnknownUsers = fastUnknownUsers;
    this.throttle = throttle;
    this.audit = audit;
    this.upgrades = upgrades;
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
        .compose(found -> admit(ctx, attemptOf(request, found, ClientIp.of(ctx)))
            .compose(admission -> verify(ctx, found, request.password(), admission)))
        .compose(verified -> requireActive(ctx, verified))
        .compose(verified -> sessions.create(verified.credential().userId())
            .map(refresh -> new Issued(verified.credential(), verified.admission(), refresh)))
        .compose(issued -> Future.all(throttle.recordSuccess(issued.admission()), audit.record(ctx, successEvent(issued)))
            .map(issued))
        .onSuccess(issued -> {
          respond(ctx, issued);
          upgrades.upgradeIfNeeded(issued.credential(), request.password(), upgradeContext(ctx, issued));
        })
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

  /**
   * Keys the budgets by user id when the account exists, so username and email share one, and otherwise by
   * the login name, so an unknown name is throttled exactly like an account.
   */
  private static LoginAttempt attemptOf(LoginRequest request, Optional<Credential> found, String clientIp) {
    return new LoginAttempt(found.map(Credential::userId).orElse(null), request.loginName(), clientIp, request.deviceId());
  }

  private Future<Admission> admit(RoutingContext ctx, LoginAttempt attempt) {
    return throttle.admit(attempt).recover(failure -> {
      if (!(failure instanceof ThrottledException throttled)) {
        return Future.failedFuture(failure);
      }
      // DEBUG, not INFO: this is the path an attack takes, and the audit trail and metrics already count it.
      LOG.debug("Login throttled by the {} limit for {} s", throttled.scope().label(), throttled.retryAfterSeconds());
      AuditEvent event = AuditEvent.of(Type.LOGIN_THROTTLED, Outcome.FAILURE)
          .withSubject(attempt.userId()).withReason(throttled.scope().label());
      return audit.record(ctx, event).compose(done -> Future.failedFuture(throttled.toProblem()));
    });
  }

  private Future<Verified> verify(RoutingContext ctx, Optional<Credential> found, String password, Admission admission) {
    if (found.isEmpty() && fastUnknownUsers) {
      // Configured trade: an unknown name costs no hash and never waits for the pool, but its faster 401
      // lets a patient observer learn that the name has no account.
      return rejectWrongPassword(ctx, found, admission);
    }
    String hash = found.map(Credential::passwordHash).orElse(hasher.dummyHash());
    return verifyPool.submit(() -> hasher.verify(hash, password))
        .transform(result -> {
          if (result.failed()) {
            // No verdict, such as a full verify queue: the attempt must not count as a failure.
            return throttle.withdraw(admission).compose(done -> Future.failedFuture(result.cause()));
          }
          if (result.result() && found.isPresent()) {
            return Future.succeededFuture(new Verified(found.get(), admission));
          }
          return rejectWrongPassword(ctx, found, admission);
        });
  }

  private Future<Verified> rejectWrongPassword(RoutingContext ctx, Optional<Credential> found, Admission admission) {
    LOG.info("Login failed: {}", found.map(c -> "wrong password for user " + c.userId()).orElse("unknown login name"));
    AuditEvent event = AuditEvent.of(Type.LOGIN, Outcome.FAILURE)
        .withSubject(found.map(Credential::userId).orElse(null))
        .withReason(found.isPresent() ? "wrong_password" : "unknown_user");
    return throttle.recordFailure(admission)
        .compose(recorded -> audit.record(ctx, event))
        .compose(audited -> Future.failedFuture(HttpProblem.invalidCredentials()));
  }

  private Future<Verified> requireActive(RoutingContext ctx, Verified verified) {
    Credential credential = verified.credential();
    if (credential.isActive()) {
      return Future.succeededFuture(verified);
    }
    LOG.info("Login refused: user {} has status {}", credential.userId(), credential.status());
    String state = "locked".equals(credential.status()) ? "locked" : "disabled";
    AuditEvent event = AuditEvent.of(Type.LOGIN, Outcome.FAILURE)
        .withSubject(credential.userId()).withReason("account_" + state);
    // The password was right, so the attempt is taken back rather than counted as a failure.
    return Future.all(throttle.withdraw(verified.admission()), audit.record(ctx, event))
        .compose(done -> Future.failedFuture(HttpProblem.forbidden(
            "account-" + state, "Account " + state,
            "This account is " + state + "; contact your bank to restore access.")));
  }

  private static AuditEvent successEvent(Issued issued) {
    return AuditEvent.of(Type.LOGIN, Outcome.SUCCESS)
        .withSubject(issued.credential().userId())
        .withSessionId(issued.refresh().sessionId())
        .withReason(issued.admission().knownDevice() ? "known_device" : null);
  }

  private static AuditEvent upgradeContext(RoutingContext ctx, Issued issued) {
    return AuditEvent.of(Type.HASH_UPGRADE, Outcome.SUCCESS)
        .withClient(ClientIp.of(ctx), ctx.request().getHeader("User-Agent"))
        .withSessionId(issued.refresh().sessionId());
  }

  private void respond(RoutingContext ctx, Issued issued) {
    Credential credential = issued.credential();
    AccessToken access = issuer.issue(
        credential.userId(), issued.refresh().sessionId(), credential.roles(), credential.permissions());
    TokenResponse.write(ctx, access, issued.refresh(), refreshTtlSeconds);
    metrics.login(LoginOutcome.SUCCESS);
    metrics.tokenIssued(GatewayMetrics.Grant.LOGIN);
  }

  private record Verified(Credential credential, Admission admission) {}

  private record Issued(Credential credential, Admission admission, RefreshToken refresh) {}
}
