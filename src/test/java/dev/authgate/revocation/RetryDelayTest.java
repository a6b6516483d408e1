package dev.authgate.revocation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The reconnect delay of {@link RevocationSubscriber}: doubling per failure, bounded, with jitter. */
class RetryDelayTest {

  private static final int SAMPLES = 200;

  @Test
  void firstRetryWithinFirstDelay() {
    for (int sample = 0; sample < SAMPLES; sample++) {
      long delay = RevocationSubscriber.retryDelayMs(0);
      assertTrue(delay >= RevocationSubscriber.FIRST_RETRY_DELAY_MS / 2, "too short: " + delay);
      assertTrue(delay <= RevocationSubscriber.FIRST_RETRY_DELAY_MS, "too long: " + delay);
    }
  }

  @Test
  void delayDoublesPerFailure() {
    for (int sample = 0; sample < SAMPLES; sample++) {
      long delay = RevocationSubscriber.retryDelayMs(2);
      assertTrue(delay >= 2 * RevocationSubscriber.FIRST_RETRY_DELAY_MS, "too short: " + delay);
      assertTrue(delay <= 4 * RevocationSubscriber.FIRST_RETRY_DELAY_MS, "too long: " + delay);
    }
  }

  @Test
  void delayNeverExceedsMaximum() {
    for (int failures : new int[] {RevocationSubscriber.MAX_DOUBLINGS, 16, 1_000, Integer.MAX_VALUE}) {
      long delay = RevocationSubscriber.retryDelayMs(failures);
      assertTrue(delay >= RevocationSubscriber.MAX_RETRY_DELAY_MS / 2, "too short after " + failures + ": " + delay);
      assertTrue(delay <= RevocationSubscriber.MAX_RETRY_DELAY_MS, "too long after " + failures + ": " + delay);
    }
  }
}
