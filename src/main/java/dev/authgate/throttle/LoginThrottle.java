package dev.authgate.throttle;

import dev.authgate.redis.RedisStore;
import dev.authgate.redis.ThrottledWarning;
import dev.authgate.throttle.Admission.Check;
import dev.authgate.throttle.SlidingWindow.Decision;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progressive delays for failed logins, checked before any password hashing so that an attack costs the
 * gateway one Redis round trip per attempt. No limit locks an account: each ends in a bounded delay, sent
 * to the client as 429 with {@code Retry-After}.
 *
 * <p>An attempt from an unknown device is checked against three budgets: its client IP, the account from that
 * IP, and the account from everywhere. An attempt with a {@code device_id} that logged in to the account
 * before is checked only against the account from that device. So failures sent from elsewhere throttle their
 * own IP and pair, slow the account for new devices, and never block the customer's own devices.
 *
 * <p>If Redis does not respond to a check or cannot record a failure, the future fails with
 * {@link dev.authgate.redis.RedisUnavailableException} and the login gets 503: it fails closed, so no password
 * is ever judged without its failure being counted.
 */
public final class LoginThrottle {

  private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

  private final ThrottleSettings settings;
  private final SlidingWindow window;
  private final KnownDevices devices;
  private final Clock clock;
  private final ThrottledWarning warnings = new ThrottledWarning(5_000);

  public LoginThrottle(RedisStore redis, ThrottleSettings settings, Clock clock) {
    this.settings = settings;
    this.window = new SlidingWindow(redis, settings.windowMs(), settings.baseDelayMs());
    this.devices = new KnownDevices(redis, settings.knownDeviceTtlMs(), settings.maxKnownDevices());
    this.clock = clock;
  }

  /** Hashes once, so the first login does not load the SHA-256 provider on an event loop. */
  public static void warmUp() {
    ThrottleKeys.accountTag(null, "warm-up");
    ThrottleKeys.ipBlock("2001:db8:0:0:0:0:0:1");
  }

  /**
   * Lets the attempt through, or fails with {@link ThrottledException} when a budget is in its delay. An
   * admission must be settled with {@link #recordFailure}, {@link #recordSuccess} or {@link #withdraw}.
   */
  public Future<Admission> admit(LoginAttempt attempt) {
    String deviceHash = attempt.deviceId() == null ? null : ThrottleKeys.sha256(attempt.deviceId());
    return isKnownDevice(attempt, deviceHash)
        .map(known -> new Admission(attempt, deviceHash, known, newMember(), checksFor(attempt, deviceHash, known)))
        .compose(this::check)
        .onFailure(failure -> {
          if (!(failure instanceof ThrottledException)) {
            warnings.warn(LOG, "Login throttle check failed, so logins are rejected with 503", failure);
          }
        });
  }

  /** Counts the attempt as failed in every budget it was checked against. Fails when Redis does not respond. */
  public Future<Void> recordFailure(Admission admission) {
    long now = clock.millis();
    List<Future<Void>> writes = new ArrayList<>();
    for (Check check : admission.checks()) {
      writes.add(window.recordFailure(check.key(), check.limit(), now, admission.member()));
    }
    return Future.all(writes)
        .onFailure(failure -> warnings.warn(
            LOG, "Login throttle could not record a failed login, so the login is rejected with 503", failure))
        .mapEmpty();
  }

  /**
   * Records a successful login: withdraws the attempt, clears the account's failures from this IP and device,
   * and remembers the device. Never fails, because the login itself succeeded; a Redis error is logged.
   */
  public Future<Void> recordSuccess(Admission admission) {
    LoginAttempt attempt = admission.attempt();
    String tag = attempt.accountTag();
    List<Future<Void>> writes = new ArrayList<>(withdrawals(admission));
    writes.add(window.reset(ThrottleKeys.accountIp(tag, attempt.clientIp())));
    if (admission.deviceHash() != null) {
      writes.add(window.reset(ThrottleKeys.accountDevice(tag, admission.deviceHash())));
      writes.add(devices.remember(attempt.userId(), admission.deviceHash(), clock.millis()));
    }
    return settle(writes, "a successful login");
  }

  /**
   * Takes back an attempt that ended without a verdict on the password (such as a full verify queue) or with
   * a correct password on an account that may not log in. Never fails; a Redis error is logged.
   */
  public Future<Void> withdraw(Admission admission) {
    return settle(withdrawals(admission), "a withdrawn login attempt");
  }

  private Future<Boolean> isKnownDevice(LoginAttempt attempt, String deviceHash) {
    if (attempt.userId() == null || deviceHash == null) {
      return Future.succeededFuture(false);
    }
    return devices.isKnown(attempt.userId(), deviceHash, clock.millis());
  }

  private List<Check> checksFor(LoginAttempt attempt, String deviceHash, boolean knownDevice) {
    String tag = attempt.accountTag();
    if (knownDevice) {
      String deviceKey = ThrottleKeys.accountDevice(tag, deviceHash);
      return List.of(new Check(ThrottleScope.ACCOUNT_DEVICE, deviceKey, settings.accountIp(), false));
    }
    return List.of(
        new Check(ThrottleScope.IP, ThrottleKeys.ip(attempt.clientIp()), settings.ip(), false),
        new Check(ThrottleScope.ACCOUNT_IP, ThrottleKeys.accountIp(tag, attempt.clientIp()), settings.accountIp(), false),
        new Check(ThrottleScope.ACCOUNT, ThrottleKeys.account(tag), settings.account(), false));
  }

  private Future<Admission> check(Admission admission) {
    long now = clock.millis();
    List<Future<Decision>> decisions = new ArrayList<>();
    for (Check check : admission.checks()) {
      decisions.add(window.admit(check.key(), check.limit(), now, admission.member()));
    }
    return Future.all(decisions).compose(all -> decide(admission, decisions));
  }

  /** Admits the attempt when every budget did, else withdraws what was reserved and reports the longest wait. */
  private Future<Admission> decide(Admission admission, List<Future<Decision>> decisions) {
    List<Check> checked = new ArrayList<>();
    ThrottleScope slowestScope = null;
    long longestWaitMs = 0;
    for (int i = 0; i < decisions.size(); i++) {
      Decision decision = decisions.get(i).result();
      Check check = admission.checks().get(i);
      checked.add(check.reserved(decision.reserved()));
      if (!decision.admitted() && decision.waitMs() > longestWaitMs) {
        slowestScope = check.scope();
        longestWaitMs = decision.waitMs();
      }
    }
    Admission settled = admission.withChecks(checked);
    if (slowestScope == null) {
      return Future.succeededFuture(settled);
    }
    ThrottledException rejection = new ThrottledException(slowestScope, longestWaitMs);
    return withdraw(settled).compose(done -> Future.failedFuture(rejection));
  }

  private List<Future<Void>> withdrawals(Admission admission) {
    List<Future<Void>> writes = new ArrayList<>();
    for (Check check : admission.checks()) {
      if (check.reserved()) {
        writes.add(window.withdraw(check.key(), admission.member()));
      }
    }
    return writes;
  }

  private Future<Void> settle(List<Future<Void>> writes, String what) {
    return Future.join(writes).<Void>mapEmpty().recover(failure -> {
      warnings.warn(LOG, "Login throttle could not record " + what + ", so failure counts may stay until the window passes",
          failure);
      return Future.succeededFuture();
    });
  }

  /** Returns a sorted-set member unique to one attempt: its time plus random bits, which need not be secret. */
  private String newMember() {
    return clock.millis() + ":" + Long.toHexString(ThreadLocalRandom.current().nextLong());
  }
}
