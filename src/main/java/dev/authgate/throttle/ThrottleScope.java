package dev.authgate.throttle;

import java.util.Locale;

/** The unit a failure budget is counted per. Its label is the stable value used in audit entries and logs. */
public enum ThrottleScope {
  /** One client IP address, or one IPv6 /64 block, across all accounts: slows password spraying. */
  IP,
  /** One account from one client IP: slows guessing at one account from one place. */
  ACCOUNT_IP,
  /** One account from one known device, used instead of {@link #IP} and {@link #ACCOUNT_IP} for that device. */
  ACCOUNT_DEVICE,
  /** One account from everywhere: slows a distributed attack on one account. Known devices skip it. */
  ACCOUNT;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
